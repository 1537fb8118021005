import type { LucideIcon } from 'lucide-react';
import {
  ArchiveRestore,
  Bell,
  Container,
  History,
  KeyRound,
  KeySquare,
  Palette,
  Radar,
  Plug,
  Server,
  ShieldCheck,
  UserRound,
  Users,
} from 'lucide-react';
import type { Role } from '@archnest/contract';
import type { SettingsTabId } from '../../lib/settings-href';

export type { SettingsTabId };

export interface SettingsTab {
  id: SettingsTabId;
  label: string;
  icon: LucideIcon;
  adminOnly: boolean;
}

export const settingsTabs: readonly SettingsTab[] = [
  { id: 'profile', label: 'Profile', icon: UserRound, adminOnly: false },
  { id: 'appearance', label: 'Appearance', icon: Palette, adminOnly: false },
  { id: 'security', label: 'Security', icon: ShieldCheck, adminOnly: false },
  { id: 'api-keys', label: 'API keys', icon: KeyRound, adminOnly: false },
  { id: 'notifications', label: 'Notifications', icon: Bell, adminOnly: false },
  { id: 'hosts', label: 'Hosts', icon: Server, adminOnly: true },
  { id: 'docker', label: 'Docker hosts', icon: Container, adminOnly: true },
  { id: 'agents', label: 'Agents', icon: Radar, adminOnly: true },
  { id: 'integrations', label: 'Integrations', icon: Plug, adminOnly: true },
  { id: 'credentials', label: 'Credentials', icon: KeySquare, adminOnly: true },
  { id: 'users', label: 'Users', icon: Users, adminOnly: true },
  { id: 'authentication', label: 'Authentication', icon: KeyRound, adminOnly: true },
  { id: 'audit', label: 'Audit', icon: History, adminOnly: true },
  { id: 'backups', label: 'Backups', icon: ArchiveRestore, adminOnly: true },
];

export function tabsFor(role: Role): SettingsTab[] {
  return settingsTabs.filter((tab) => !tab.adminOnly || role === 'admin');
}
