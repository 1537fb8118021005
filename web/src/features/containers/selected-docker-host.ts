import { useCallback, useState } from 'react';

const KEY = 'archnest.containers.dockerHost';

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The Docker host last picked on the Containers page, remembered in this browser. */
export function useSelectedDockerHost(): [string | null, (hostId: string) => void] {
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
