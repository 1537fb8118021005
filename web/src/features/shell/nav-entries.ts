import type { LucideIcon } from 'lucide-react';
import { Settings } from 'lucide-react';

export interface NavEntry {
  to: string;
  label: string;
  icon: LucideIcon;
  adminOnly: boolean;
}

/**
 * The sidebar lists only areas that exist. Infrastructure, Terminal and Containers each add one
 * line here when their feature lands.
 */
export const navEntries: readonly NavEntry[] = [
  { to: '/settings', label: 'Settings', icon: Settings, adminOnly: false },
];
