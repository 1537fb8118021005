import { useSyncExternalStore } from 'react';

let wanted = false;
const listeners = new Set<() => void>();

/**
 * Keeps the toaster (and sonner's code) mounted from now on. Signed-in pages and first-run setup
 * mount it anyway; the sign-in page does not, so its first load carries no toast code.
 */
export function requestToaster(): void {
  if (wanted) return;
  wanted = true;
  for (const listener of listeners) listener();
}

export function useToasterRequested(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => wanted,
  );
}
