import { useState } from 'react';

/**
 * Open container detail tabs (by name) and the active one; null is the list. Opening an open tab
 * selects it; closing the active tab selects its neighbour, or the list when none is left.
 */
export function useDetailTabs() {
  const [tabs, setTabs] = useState<string[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const open = (name: string) => {
    setTabs((old) => (old.includes(name) ? old : [...old, name]));
    setActive(name);
  };
  const close = (name: string) => {
    const index = tabs.indexOf(name);
    const rest = tabs.filter((tab) => tab !== name);
    setTabs(rest);
    if (active === name) setActive(rest[Math.min(index, rest.length - 1)] ?? null);
  };
  return { tabs, active, select: setActive, open, close };
}
