import fs from 'node:fs';
import { z } from 'zod';
import { UpdateSsoSettingsBody } from '@archnest/contract';

const Bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes'].includes(v));

const list = (v: string) =>
  v
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);

const fromBody = <K extends keyof typeof UpdateSsoSettingsBody.shape>(key: K) =>
  UpdateSsoSettingsBody.shape[key].unwrap();

/**
 * `ARCHNEST_OIDC_*`: settings for infrastructure-as-code. Each one set here wins over the database and
 * is locked in Settings › Authentication. Validated by the same rules as the settings form.
 */
export const oidcEnvSchema = {
  ARCHNEST_OIDC_ENABLED: Bool.optional(),
  ARCHNEST_OIDC_ISSUER: fromBody('issuer').optional(),
  ARCHNEST_OIDC_CLIENT_ID: z.string().trim().min(1).max(256).optional(),
  ARCHNEST_OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  ARCHNEST_OIDC_SCOPES: fromBody('scopes').optional(),
  ARCHNEST_OIDC_BUTTON_LABEL: fromBody('buttonLabel').optional(),
  ARCHNEST_OIDC_AUTO_PROVISION: Bool.optional(),
  ARCHNEST_OIDC_ALLOWED_GROUPS: z.string().max(4096).transform(list).optional(),
  ARCHNEST_OIDC_ADMIN_GROUP: z.string().trim().min(1).max(256).optional(),
  ARCHNEST_OIDC_GROUPS_CLAIM: fromBody('groupsClaim').optional(),
  ARCHNEST_OIDC_CA_FILE: z
    .string()
    .min(1)
    .refine((file) => readPem(file) !== null, {
      message: 'must name a readable file holding a PEM certificate',
    })
    .optional(),
};

export interface OidcEnv {
  enabled?: boolean;
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string;
  buttonLabel?: string;
  autoProvision?: boolean;
  allowedGroups?: string[];
  adminGroup?: string;
  groupsClaim?: string;
  caPem?: string;
}

function readPem(file: string): string | null {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.includes('-----BEGIN CERTIFICATE-----') ? text.trim() : null;
  } catch {
    return null;
  }
}

type Parsed = { [K in keyof typeof oidcEnvSchema]?: z.output<(typeof oidcEnvSchema)[K]> };

export function readOidcEnv(e: Parsed): OidcEnv {
  const entries: [keyof OidcEnv, unknown][] = [
    ['enabled', e.ARCHNEST_OIDC_ENABLED],
    ['issuer', e.ARCHNEST_OIDC_ISSUER],
    ['clientId', e.ARCHNEST_OIDC_CLIENT_ID],
    ['clientSecret', e.ARCHNEST_OIDC_CLIENT_SECRET],
    ['scopes', e.ARCHNEST_OIDC_SCOPES],
    ['buttonLabel', e.ARCHNEST_OIDC_BUTTON_LABEL],
    ['autoProvision', e.ARCHNEST_OIDC_AUTO_PROVISION],
    ['allowedGroups', e.ARCHNEST_OIDC_ALLOWED_GROUPS],
    ['adminGroup', e.ARCHNEST_OIDC_ADMIN_GROUP],
    ['groupsClaim', e.ARCHNEST_OIDC_GROUPS_CLAIM],
    ['caPem', e.ARCHNEST_OIDC_CA_FILE ? readPem(e.ARCHNEST_OIDC_CA_FILE) : undefined],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}
