import type { Generated } from 'kysely';
import type { SsoTables } from './sso-schema';
import type {
  AlertChannelsTable,
  AlertDeliveriesTable,
  AlertEventsTable,
  AlertReadsTable,
  AlertRulesTable,
  AlertStatesTable,
  AlertSubscriptionsTable,
} from './alert-tables';

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
  /** Attempts folded into this row (repeated rate-limited sign-ins); 1 otherwise. */
  count: Generated<number>;
  /** The last folded attempt; null when the row holds one attempt. */
  last_at: string | null;
  /** `password` (the default), `sso`, … */
  method: Generated<string>;
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

interface SealedSecrets {
  password_sealed: string | null;
  private_key_sealed: string | null;
  passphrase_sealed: string | null;
  certificate: string | null;
}

export interface CredentialsTable extends SealedSecrets {
  id: string;
  name: string;
  kind: 'password' | 'key' | 'certificate';
  created_at: string;
  updated_at: string;
}

export interface HostsTable extends SealedSecrets {
  id: string;
  name: string;
  address: string;
  port: number;
  username: string;
  folder: string;
  /** JSON array of strings. */
  tags: string;
  notes: string;
  auth_method: 'password' | 'key' | 'keyboard-interactive' | 'certificate' | 'per-user';
  credential_id: string | null;
  legacy_algorithms: number;
  /** Who may use the host: every user, or admins plus the users in `host_grants`. */
  access: Generated<'everyone' | 'chosen'>;
  created_at: string;
  updated_at: string;
}

export interface HostJumpsTable {
  host_id: string;
  position: number;
  jump_host_id: string;
}

export interface HostGrantsTable {
  host_id: string;
  user_id: string;
}

/** One user's own login for a per-user host; sealed with associated data bound to host and user. */
export interface HostUserCredentialsTable {
  host_id: string;
  user_id: string;
  username: string;
  kind: 'password' | 'key';
  password_sealed: string | null;
  private_key_sealed: string | null;
  passphrase_sealed: string | null;
  updated_at: string;
}

export interface KnownHostKeysTable {
  id: string;
  address: string;
  port: number;
  algorithm: string;
  fingerprint: string;
  public_key: string;
  accepted_by: string;
  accepted_at: string;
}

export interface TerminalSessionsTable {
  id: string;
  user_id: string | null;
  username: string;
  host_id: string | null;
  host_name: string;
  address: string;
  port: number;
  fingerprint: string;
  started_at: string;
  ended_at: string | null;
  bytes_in: number | string;
  bytes_out: number | string;
  end_reason: string | null;
}

export interface DockerHostsTable {
  id: string;
  name: string;
  kind: 'engine-api' | 'ssh';
  endpoint: string | null;
  ssh_host_id: string | null;
  cli: 'docker' | 'podman' | null;
  remote_docker_host: string | null;
  ca: string | null;
  client_cert: string | null;
  client_key_sealed: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgentTokensTable {
  id: string;
  host_label: string;
  token_hash: string;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AgentHostsTable {
  label: string;
  hostname: string;
  docker_version: string;
  os: string;
  cpus: number;
  memory_bytes: number;
  agent_version: string;
  interval_seconds: number;
  first_report_at: string;
  last_report_at: string;
  container_count: number;
  running_count: number;
  /** JSON array of StoredAgentContainer. */
  containers: string;
}

export interface AgentSamplesTable {
  host_label: string;
  container_id: string;
  at: string;
  cpu_percent: number | null;
  memory_bytes: number | null;
}

export interface IntegrationsTable {
  id: string;
  kind: 'proxmox' | 'aws-ec2' | 'uptime-kuma';
  name: string;
  /** JSON of the kind's config (never a secret). */
  config: string;
  /** JSON array of the secret fields that hold a value. */
  secret_names: string;
  secrets_sealed: string | null;
  tls_pinned_sha256: string | null;
  tls_ca: string | null;
  poll_interval_seconds: number;
  timeout_seconds: number;
  created_at: string;
  updated_at: string;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  scope: 'read' | 'full';
  key_hash: string;
  hint: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  revoked_at: string | null;
}

export interface TwoFactorSecretsTable {
  user_id: string;
  secret_sealed: string;
  confirmed_at: string | null;
  last_used_step: number | null;
  created_at: string;
  updated_at: string;
}

export interface TwoFactorRecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface PendingLoginsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface TwoFactorSettingsTable {
  id: number;
  requirement: 'off' | 'admins' | 'everyone';
  updated_at: string;
  updated_by: string;
}

/** Shared sign-in guess counters (PostgreSQL replicas); see auth/shared-login-rate-limiter.ts. */
export interface LoginLimitsTable {
  key: string;
  failures: number;
  in_flight: number;
  window_end: number;
  locked_until: number;
  lockouts: number;
}

/** One-time pull agent enrolments (migration 0019). */
export interface PullAgentEnrolmentsTable {
  id: string;
  name: string;
  address: string;
  token_sealed: string;
  expires_at: string;
  claimed_until: string | null;
  used_at: string | null;
  docker_host_id: string | null;
  created_by: string;
  created_at: string;
}

export interface DatabaseSchema extends SsoTables {
  login_limits: LoginLimitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_audit: LoginAuditTable;
  audit_log: AuditLogTable;
  preferences: PreferencesTable;
  credentials: CredentialsTable;
  hosts: HostsTable;
  host_jumps: HostJumpsTable;
  known_host_keys: KnownHostKeysTable;
  terminal_sessions: TerminalSessionsTable;
  docker_hosts: DockerHostsTable;
  agent_tokens: AgentTokensTable;
  agent_hosts: AgentHostsTable;
  agent_samples: AgentSamplesTable;
  integrations: IntegrationsTable;
  api_keys: ApiKeysTable;
  two_factor_secrets: TwoFactorSecretsTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  pending_logins: PendingLoginsTable;
  two_factor_settings: TwoFactorSettingsTable;
  host_grants: HostGrantsTable;
  host_user_credentials: HostUserCredentialsTable;
  alert_channels: AlertChannelsTable;
  alert_rules: AlertRulesTable;
  alert_states: AlertStatesTable;
  alert_events: AlertEventsTable;
  alert_deliveries: AlertDeliveriesTable;
  alert_subscriptions: AlertSubscriptionsTable;
  backup_schedule: BackupScheduleTable;
  alert_reads: AlertReadsTable;
  pull_agent_enrolments: PullAgentEnrolmentsTable;
  source_snapshots: SourceSnapshotsTable;
}

/** The last poll of each polled source, shared between replicas (migration 0021). */
export interface SourceSnapshotsTable {
  source_id: string;
  revision: string;
  attempted_at: string;
  success_at: string | null;
  snapshot: string | null;
  error_code: string | null;
  error_message: string | null;
}

export interface BackupScheduleTable {
  id: number;
  enabled: number;
  interval_hours: number;
  keep: number;
  directory: string | null;
  with_secret_key: number;
  updated_at: string;
  updated_by: string;
  running_since: string | null;
  last_run_at: string | null;
  last_status: 'ok' | 'failed' | null;
  last_error: string | null;
}
