import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { SerializeAddon } from '@xterm/addon-serialize';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import { terminalTheme, type TerminalLook } from './terminal-theme';

export interface XtermParts {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  serialize: SerializeAddon;
}

export function createXterm(look: TerminalLook): XtermParts {
  const term = new Terminal({
    fontSize: look.fontSize,
    fontFamily: "'JetBrains Mono', 'Fira Code', ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
    theme: terminalTheme(look.dark),
    cursorBlink: true,
    scrollback: 5000,
    // The Unicode 11 width tables are a proposed API in xterm.
    allowProposedApi: true,
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  const serialize = new SerializeAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(serialize);
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  // A link from a remote shell must not get a handle on this window.
  term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
  return { term, fit, search, serialize };
}

/** Ctrl+Shift+C / V copy and paste, Ctrl+Shift+F search, and copy-on-select, the way desktop terminals do. */
export function installClipboard(term: Terminal, openSearch: () => void): void {
  const copy = () => {
    const text = term.getSelection();
    if (text) navigator.clipboard?.writeText(text).catch(() => undefined);
  };
  term.onSelectionChange(copy);
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey || event.altKey) return true;
    const key = event.key.toLowerCase();
    if (key === 'c') copy();
    else if (key === 'v')
      navigator.clipboard
        ?.readText()
        .then((text) => term.paste(text))
        .catch(() => undefined);
    else if (key === 'f') openSearch();
    else return true;
    event.preventDefault();
    return false;
  });
}
