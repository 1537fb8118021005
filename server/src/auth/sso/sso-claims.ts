import type { Role } from '@archnest/contract';
import { Username } from '@archnest/contract';
import type { EffectiveSso } from './sso-settings.service';

export type Claims = Record<string, unknown>;

/**
 * ID-token claims win where both carry a value; userinfo fills the rest (providers differ in which
 * of the two carries groups and e-mail).
 */
export function mergeClaims(idToken: Claims, userinfo: Claims | null): Claims {
  return { ...(userinfo ?? {}), ...idToken };
}

/** A groups claim as an array of names; a single string counts as one group. */
export function groupsOf(claims: Claims, claimName: string): string[] {
  const value = claims[claimName];
  if (typeof value === 'string') return value ? [value] : [];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return [];
}

export function groupAllowed(settings: EffectiveSso, groups: string[]): boolean {
  return settings.allowedGroups.length === 0 || settings.allowedGroups.some((g) => groups.includes(g));
}

/** The role the groups map to, or null when no admin group is configured (roles are then local only). */
export function mappedRole(settings: EffectiveSso, groups: string[]): Role | null {
  if (!settings.adminGroup) return null;
  return groups.includes(settings.adminGroup) ? 'admin' : 'member';
}

/** The ArchNest username a provider identity asks for: preferred_username, else the e-mail's local part. */
export function wantedUsername(claims: Claims): string | null {
  const preferred = typeof claims.preferred_username === 'string' ? claims.preferred_username : null;
  const email = typeof claims.email === 'string' ? (claims.email.split('@')[0] ?? null) : null;
  for (const candidate of [preferred, email]) {
    if (candidate && Username.safeParse(candidate).success) return candidate.trim();
  }
  return null;
}

/** What the login audit names the person by before an account is known. */
export function displayName(claims: Claims, subject: string): string {
  for (const key of ['preferred_username', 'email', 'name']) {
    const v = claims[key];
    if (typeof v === 'string' && v) return v;
  }
  return subject;
}
