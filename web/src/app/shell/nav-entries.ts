import type { LucideIcon } from 'lucide-react';
import { Bell, Container, House, Network, Settings, SquareTerminal } from 'lucide-react';

export interface NavEntry {
  to: string;
  label: string;
  icon: LucideIcon;
  adminOnly: boolean;
}

/** The sidebar lists only areas that exist; the command palette offers the same list. */
export const navEntries: readonly NavEntry[] = [
  { to: '/', label: 'Home', icon: House, adminOnly: false },
  { to: '/infrastructure', label: 'Infrastructure', icon: Network, adminOnly: false },
  { to: '/terminal', label: 'Terminal', icon: SquareTerminal, adminOnly: false },
  { to: '/containers', label: 'Containers', icon: Container, adminOnly: false },
  { to: '/alerts', label: 'Alerts', icon: Bell, adminOnly: false },
  { to: '/settings', label: 'Settings', icon: Settings, adminOnly: false },
];
