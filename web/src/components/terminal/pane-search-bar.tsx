import { ChevronDown, ChevronUp, X } from 'lucide-react';
import { useState } from 'react';
import type { PaneSession } from './pane-session';

/** Ctrl+Shift+F in a pane: find in its scrollback. Enter finds the next match, Shift+Enter the previous. */
export function PaneSearchBar({ session }: { session: PaneSession }) {
  const [term, setTerm] = useState('');
  const [missing, setMissing] = useState(false);
  const find = (backwards: boolean) => {
    if (!term) return;
    const found = backwards ? session.search.findPrevious(term) : session.search.findNext(term);
    setMissing(!found);
  };
  const iconButton =
    'flex h-6 w-6 items-center justify-center rounded-sm text-muted transition hover:bg-surface-2 hover:text-fg';
  return (
    <div
      role="search"
      className="absolute top-2 right-3 z-20 flex items-center gap-1 rounded-ui-sm border border-border bg-surface p-1 shadow-lg"
    >
      <input
        aria-label="Find in terminal"
        autoFocus
        value={term}
        placeholder="Find"
        onChange={(e) => {
          setTerm(e.target.value);
          setMissing(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') find(e.shiftKey);
          if (e.key === 'Escape') session.setSearchOpen(false);
        }}
        className={`h-6 w-40 rounded-sm bg-transparent px-1.5 text-[0.85rem] outline-none ${missing ? 'text-danger' : 'text-fg'}`}
      />
      {missing ? <span className="px-1 text-[0.75rem] text-danger">No match</span> : null}
      <button type="button" aria-label="Previous match" className={iconButton} onClick={() => find(true)}>
        <ChevronUp aria-hidden size={14} />
      </button>
      <button type="button" aria-label="Next match" className={iconButton} onClick={() => find(false)}>
        <ChevronDown aria-hidden size={14} />
      </button>
      <button
        type="button"
        aria-label="Close search"
        className={iconButton}
        onClick={() => session.setSearchOpen(false)}
      >
        <X aria-hidden size={14} />
      </button>
    </div>
  );
}
