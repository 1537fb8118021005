/** The sections of Settings, as they appear in its address (`/settings?tab=<id>`). */
export type SettingsTabId =
  | 'profile'
  | 'appearance'
  | 'security'
  | 'api-keys'
  | 'notifications'
  | 'hosts'
  | 'docker'
  | 'agents'
  | 'integrations'
  | 'credentials'
  | 'users'
  | 'authentication'
  | 'audit'
  | 'backups';

export function settingsHref(tab: SettingsTabId): string {
  return `/settings?tab=${tab}`;
}
