import type { Generated } from 'kysely';

/** Timestamps are ISO-8601 UTC text and booleans 0/1 integers, identical on SQLite and PostgreSQL. */
export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  password_hash: string;
  role: 'admin' | 'member';
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface LoginAuditTable {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  username: string;
  ip: string;
  user_agent: string;
  success: number;
  reason: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  target_name: string | null;
  detail: string;
  ip: string;
}

export interface PreferencesTable {
  user_id: string;
  data: string;
  updated_at: string;
}

export interface DatabaseSchema {
  users: UsersTable;
  sessions: SessionsTable;
  login_audit: LoginAuditTable;
  audit_log: AuditLogTable;
  preferences: PreferencesTable;
}
