/** Tables of OIDC single sign-on (migration 0010-sso). */
export interface SsoSettingsTable {
  id: string;
  enabled: number;
  issuer: string;
  client_id: string;
  /** SecretBox value bound to `sso:oidc:client_secret`. */
  client_secret_sealed: string | null;
  scopes: string;
  button_label: string;
  auto_provision: number;
  /** JSON array of group names. */
  allowed_groups: string;
  admin_group: string | null;
  groups_claim: string;
  ca_pem: string | null;
  updated_at: string;
}

export interface SsoIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  linked_at: string;
  last_login_at: string;
}

/** A sign-in in flight: keyed by the SHA-256 of the browser's `archnest_sso` cookie; used once. */
export interface SsoLoginsTable {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  created_at: string;
  expires_at: string;
}

/** A provider identity waiting for the local account's password; keyed like sso_logins. */
export interface SsoPendingLinksTable {
  id_hash: string;
  user_id: string;
  issuer: string;
  subject: string;
  /** The role the groups map to, or null when roles are not mapped. */
  role: 'admin' | 'member' | null;
  attempts: number;
  expires_at: string;
}

export interface SsoRolePinsTable {
  user_id: string;
  pinned_by: string;
  pinned_at: string;
}

export interface SsoTables {
  sso_settings: SsoSettingsTable;
  sso_identities: SsoIdentitiesTable;
  sso_logins: SsoLoginsTable;
  sso_pending_links: SsoPendingLinksTable;
  sso_role_pins: SsoRolePinsTable;
}
