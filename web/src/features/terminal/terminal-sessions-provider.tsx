import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useAuthStatus } from '../../api/use-auth-status';
import {
  TerminalManagerContext,
  useTerminalManager,
} from '../../components/terminal/terminal-manager-context';
import type { TerminalManager } from '../../components/terminal/terminal-manager';

interface Loader {
  promise: Promise<TerminalManager>;
  /** Set once loaded. */
  loaded: TerminalManager | null;
  load(): Promise<TerminalManager>;
}

/** One manager per page load, fetched on first sign-in and kept across sign-outs. */
function managerLoader(): Loader {
  let resolve!: (manager: TerminalManager) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<TerminalManager>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  let started: Promise<TerminalManager> | null = null;
  const loader: Loader = {
    promise,
    loaded: null,
    load() {
      if (!started) {
        started = import('../../components/terminal/terminal-manager').then(
          async ({ TerminalManager, watchLook }) => {
            const manager = new TerminalManager();
            watchLook(manager);
            const { exposeTestHook } = await import('./test-hook');
            exposeTestHook(manager);
            loader.loaded = manager;
            return manager;
          },
        );
        started.then(resolve, reject);
      }
      return started;
    },
  };
  return loader;
}

/**
 * Mounted above the router: terminals live here, not in the Terminal page, so moving to Settings and
 * back keeps every pane's shell, output and socket. The manager's code is loaded only once someone
 * is signed in, and xterm only when a pane or console opens, so the sign-in page carries neither.
 */
export function TerminalSessionsProvider({ children }: { children: ReactNode }) {
  const [loader] = useState(managerLoader);
  const status = useAuthStatus();
  const userId = status.data?.user?.id ?? null;
  const known = status.isSuccess;

  useEffect(() => {
    if (!known) return;
    let current = true;
    if (userId) {
      loader.load().then(
        (manager) => {
          if (current) manager.start();
        },
        (error: unknown) => console.error('The terminal manager could not be loaded', error),
      );
    } else {
      loader.loaded?.stop(); // a load still in flight does not start: its effect run is over
    }
    return () => {
      current = false;
    };
  }, [loader, known, userId]);

  return <TerminalManagerContext value={loader.promise}>{children}</TerminalManagerContext>;
}

export function useTerminalLayout() {
  const manager = useTerminalManager();
  return useSyncExternalStore(manager.subscribe, manager.getLayout);
}
