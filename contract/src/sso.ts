import { z } from 'zod';
import { Role } from './users';

/** The OIDC settings an admin edits in Settings › Authentication (the client secret only ever as "set"). */
export const ssoSettingFields = [
  'enabled',
  'issuer',
  'clientId',
  'clientSecret',
  'scopes',
  'buttonLabel',
  'autoProvision',
  'allowedGroups',
  'adminGroup',
  'groupsClaim',
  'caPem',
] as const;
export const SsoSettingField = z.enum(ssoSettingFields);
export type SsoSettingField = z.infer<typeof SsoSettingField>;

const Group = z.string().trim().min(1).max(256);

export const SsoSettings = z.object({
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  scopes: z.string(),
  buttonLabel: z.string(),
  autoProvision: z.boolean(),
  allowedGroups: z.array(z.string()),
  adminGroup: z.string().nullable(),
  groupsClaim: z.string(),
  caPem: z.string().nullable(),
  /** Fields set by `ARCHNEST_OIDC_*` environment variables: shown, never changeable here. */
  locked: z.array(SsoSettingField),
  /** The callback URL to register at the identity provider. */
  redirectUri: z.string(),
  /** Whether sign-in with the provider is offered right now (enabled, issuer, client id and secret). */
  ready: z.boolean(),
});
export type SsoSettings = z.infer<typeof SsoSettings>;

/** Each field: absent keeps the stored value. `clientSecret`: a value replaces, null clears. */
export const UpdateSsoSettingsBody = z.object({
  enabled: z.boolean().optional(),
  issuer: z
    .string()
    .trim()
    .max(512)
    .refine((v) => v === '' || /^https:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/.test(v), {
      message: 'The issuer must be an https:// URL, such as https://id.example.com/realms/main.',
    })
    .optional(),
  clientId: z.string().trim().max(256).optional(),
  clientSecret: z.string().min(1).max(1024).nullable().optional(),
  scopes: z
    .string()
    .trim()
    .max(512)
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'Scopes are words separated by single spaces.')
    .refine((v) => v.split(' ').includes('openid'), { message: 'Scopes must include openid.' })
    .optional(),
  buttonLabel: z.string().trim().min(1, 'The button label is required.').max(64).optional(),
  autoProvision: z.boolean().optional(),
  allowedGroups: z.array(Group).max(50).optional(),
  adminGroup: Group.nullable().optional(),
  groupsClaim: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_:./-]+$/, 'A claim name has letters, digits and _ : . / - only.')
    .optional(),
  caPem: z
    .string()
    .trim()
    .max(64 * 1024)
    .refine((v) => v.includes('-----BEGIN CERTIFICATE-----'), { message: 'Paste a PEM certificate.' })
    .nullable()
    .optional(),
});
export type UpdateSsoSettingsBody = z.infer<typeof UpdateSsoSettingsBody>;

export const SsoTestResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  authorizationEndpoint: z.string().nullable(),
});
export type SsoTestResult = z.infer<typeof SsoTestResult>;

export const SsoStatus = z.object({ label: z.string() }).nullable();
export type SsoStatus = z.infer<typeof SsoStatus>;

/** A sign-in through the provider that found a local account to link: its password is needed once. */
export const SsoPendingLink = z.object({ username: z.string(), expiresAt: z.string() });
export type SsoPendingLink = z.infer<typeof SsoPendingLink>;

export const SsoLinkBody = z.object({ password: z.string().min(1, 'Password is required.').max(1024) });
export type SsoLinkBody = z.infer<typeof SsoLinkBody>;

export const SsoUser = z.object({
  id: z.string(),
  username: z.string(),
  role: Role,
  active: z.boolean(),
  rolePinned: z.boolean(),
  /** The provider identity this account signs in with, or null while unlinked. */
  identity: z
    .object({ issuer: z.string(), subject: z.string(), linkedAt: z.string(), lastLoginAt: z.string() })
    .nullable(),
});
export type SsoUser = z.infer<typeof SsoUser>;

export const SsoUserParams = z.object({ id: z.string().min(1).max(64) });
export const SsoRolePinBody = z.object({ pinned: z.boolean() });

/**
 * Codes the callback sends back to the login page as `?sso_error=<code>`; the page says each in plain
 * words. The same codes are the `reason` of refused sign-ins in the login audit.
 */
export const ssoErrorCodes = [
  'not_configured',
  'provider_error',
  'state_missing',
  'state_mismatch',
  'expired',
  'nonce_mismatch',
  'token_failed',
  'no_subject',
  'group_not_allowed',
  'seat_limit',
  'account_disabled',
  'no_account',
  'username_unusable',
  'access_denied',
] as const;
export type SsoErrorCode = (typeof ssoErrorCodes)[number];
