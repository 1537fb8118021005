import { useCallback, useState } from 'react';

/** The same key the Containers page remembers its host under, so every Docker page opens on it. */
const KEY = 'archnest.containers.dockerHost';

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The Docker host last picked in this browser (a Docker host id, or `agent:<label>`). */
export function useDockerHostChoice(): [string | null, (hostId: string) => void] {
  const [hostId, setHostId] = useState<string | null>(read);
  const choose = useCallback((next: string) => {
    setHostId(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, []);
  return [hostId, choose];
}
