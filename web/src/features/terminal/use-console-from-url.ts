import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { CONSOLE_PARAM, parseConsoleParam } from '../../lib/console-link';
import { useTerminalManager } from '../../components/terminal/terminal-manager-context';

/**
 * `/terminal?console=…` (from the Infrastructure page's “Console in Terminal”) opens that Proxmox
 * console in a new tab once, then drops the parameter so a reload reattaches instead of opening again.
 */
export function useConsoleFromUrl(): void {
  const manager = useTerminalManager();
  const [params, setParams] = useSearchParams();
  const raw = params.get(CONSOLE_PARAM);
  const handled = useRef<string | null>(null);
  useEffect(() => {
    // Effects may run twice for one URL (strict mode); the console opens once.
    if (raw === null || handled.current === raw) return;
    handled.current = raw;
    const console = parseConsoleParam(raw);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(CONSOLE_PARAM);
        return next;
      },
      { replace: true },
    );
    if (console) manager.openConsoleTab(console);
  }, [raw, manager, setParams]);
}
