import type { Generated } from 'kysely';

/** Alert tables (migration 0011); JSON columns are text, booleans 0/1, timestamps ISO text. */
export interface AlertChannelsTable {
  id: string;
  name: string;
  kind: string;
  enabled: number;
  timeout_seconds: number;
  config: string;
  secret_names: string;
  secrets_sealed: string | null;
  target: string;
  created_at: string;
  updated_at: string;
}

export interface AlertRulesTable {
  id: string;
  name: string;
  enabled: number;
  condition: string;
  scope: string;
  severity: string;
  for_seconds: number;
  resolve_after_seconds: number;
  repeat_minutes: number;
  channel_ids: string;
  /** Bumped when the condition or scope changes: states of an older revision are dropped. */
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface AlertStatesTable {
  rule_id: string;
  subject_key: string;
  source_id: string;
  subject_name: string;
  host: string;
  status: 'pending' | 'firing';
  since: string;
  firing_since: string | null;
  clear_since: string | null;
  notified_at: string | null;
  muted_until: string | null;
  message: string;
}

export interface AlertEventsTable {
  id: Generated<number>;
  at: string;
  kind: 'firing' | 'repeat' | 'resolved';
  rule_id: string;
  rule_name: string;
  severity: string;
  subject_key: string;
  subject_name: string;
  host: string;
  message: string;
}

export interface AlertDeliveriesTable {
  id: string;
  channel_id: string;
  event_id: number | null;
  title: string;
  payload: string;
  status: 'queued' | 'retrying' | 'sent' | 'failed';
  attempts: number;
  http_status: number | null;
  error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlertSubscriptionsTable {
  user_id: string;
  rule_id: string;
  channel_id: string;
}

export interface AlertReadsTable {
  user_id: string;
  last_read_id: number;
}
