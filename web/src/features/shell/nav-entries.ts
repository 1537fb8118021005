import type { LucideIcon } from 'lucide-react';
import { Settings, SquareTerminal } from 'lucide-react';

export interface NavEntry {
  to: string;
  label: string;
  icon: LucideIcon;
  adminOnly: boolean;
}

/**
 * The sidebar lists only areas that exist. Infrastructure and Containers each add one line here
 * when their feature lands.
 */
export const navEntries: readonly NavEntry[] = [
  { to: '/terminal', label: 'Terminal', icon: SquareTerminal, adminOnly: false },
  { to: '/settings', label: 'Settings', icon: Settings, adminOnly: false },
];
