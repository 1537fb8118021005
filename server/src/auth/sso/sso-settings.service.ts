import type { SsoSettingField, SsoSettings, UpdateSsoSettingsBody } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError } from '../../http/app-error';
import type { Actor, AuditService } from '../../modules/audit/audit.service';
import type { OidcEnv } from './sso-env';
import type { SsoSettingsRepo, SsoSettingsRow } from './sso-settings.repo';

const SECRET_AAD = 'sso:oidc:client_secret';

/** The settings a sign-in uses: database values with the environment's on top, secret opened. */
export interface EffectiveSso {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string;
  buttonLabel: string;
  autoProvision: boolean;
  allowedGroups: string[];
  adminGroup: string | null;
  groupsClaim: string;
  caPem: string | null;
}

const DEFAULTS: EffectiveSso = {
  enabled: false,
  issuer: '',
  clientId: '',
  clientSecret: null,
  scopes: 'openid profile email groups',
  buttonLabel: 'SSO',
  autoProvision: false,
  allowedGroups: [],
  adminGroup: null,
  groupsClaim: 'groups',
  caPem: null,
};

export function ssoReady(s: EffectiveSso): boolean {
  return s.enabled && s.issuer !== '' && s.clientId !== '' && s.clientSecret !== null;
}

/** Settings › Authentication: stored in one row, overridable per field by `ARCHNEST_OIDC_*`. */
export class SsoSettingsService {
  private readonly locked: SsoSettingField[];

  constructor(
    private readonly repo: SsoSettingsRepo,
    private readonly env: OidcEnv,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.locked = (Object.keys(env) as (keyof OidcEnv)[]).filter((k) => env[k] !== undefined);
  }

  async effective(): Promise<EffectiveSso> {
    const row = await this.repo.find();
    const stored: EffectiveSso = row ? this.fromRow(row) : { ...DEFAULTS };
    return { ...stored, ...this.env };
  }

  async view(redirectUri: string): Promise<SsoSettings> {
    const s = await this.effective();
    return {
      enabled: s.enabled,
      issuer: s.issuer,
      clientId: s.clientId,
      clientSecretSet: s.clientSecret !== null,
      scopes: s.scopes,
      buttonLabel: s.buttonLabel,
      autoProvision: s.autoProvision,
      allowedGroups: s.allowedGroups,
      adminGroup: s.adminGroup,
      groupsClaim: s.groupsClaim,
      caPem: s.caPem,
      locked: this.locked,
      redirectUri,
      ready: ssoReady(s),
    };
  }

  async update(actor: Actor, body: UpdateSsoSettingsBody): Promise<void> {
    const row = await this.repo.find();
    const stored: EffectiveSso = row ? this.fromRow(row) : { ...DEFAULTS };
    const current = { ...stored, ...this.env };
    const refused = this.locked.filter((field) => {
      if (!(field in body) || body[field] === undefined) return false;
      if (field === 'clientSecret') return true;
      return JSON.stringify(body[field]) !== JSON.stringify(current[field]);
    });
    if (refused.length) {
      throw new AppError(
        409,
        'sso_setting_locked',
        `Set by the server's environment (ARCHNEST_OIDC_*), so it cannot be changed here: ${refused.join(', ')}.`,
      );
    }
    const next: EffectiveSso = { ...stored };
    const changed: string[] = [];
    for (const field of Object.keys(body) as (keyof UpdateSsoSettingsBody)[]) {
      const value = body[field];
      if (value === undefined || this.locked.includes(field)) continue;
      if (JSON.stringify(value) === JSON.stringify(stored[field])) continue;
      (next as unknown as Record<string, unknown>)[field] = value;
      changed.push(field);
    }
    if (!changed.length && row) return;
    await this.repo.save({
      enabled: next.enabled ? 1 : 0,
      issuer: next.issuer,
      client_id: next.clientId,
      client_secret_sealed: next.clientSecret === null ? null : this.box.seal(next.clientSecret, SECRET_AAD),
      scopes: next.scopes,
      button_label: next.buttonLabel,
      auto_provision: next.autoProvision ? 1 : 0,
      allowed_groups: JSON.stringify(next.allowedGroups),
      admin_group: next.adminGroup,
      groups_claim: next.groupsClaim,
      ca_pem: next.caPem,
      updated_at: this.clock.now().toISOString(),
    });
    // Which fields changed, never a value: the secret stays out of the audit log.
    await this.audit.record(actor, {
      action: 'sso.settings_updated',
      targetType: 'sso',
      targetId: null,
      targetName: 'OIDC',
      detail: { changed },
    });
  }

  /** A secret sealed under another instance key counts as unset: sign-in stops until it is entered again. */
  private openSecret(sealed: string | null): string | null {
    if (!sealed) return null;
    try {
      return this.box.open(sealed, SECRET_AAD);
    } catch {
      return null;
    }
  }

  private fromRow(row: SsoSettingsRow): EffectiveSso {
    return {
      enabled: row.enabled === 1,
      issuer: row.issuer,
      clientId: row.client_id,
      clientSecret: this.openSecret(row.client_secret_sealed),
      scopes: row.scopes,
      buttonLabel: row.button_label,
      autoProvision: row.auto_provision === 1,
      allowedGroups: JSON.parse(row.allowed_groups) as string[],
      adminGroup: row.admin_group,
      groupsClaim: row.groups_claim,
      caPem: row.ca_pem,
    };
  }
}
