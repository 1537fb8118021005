import { z } from 'zod';
import { SsoStatus } from './sso';
import { Password, User, Username } from './users';

export const AuthStatus = z.object({
  setupRequired: z.boolean(),
  user: User.nullable(),
  /** The session may only reach two-factor enrolment until the user turns it on. */
  twoFactorEnrolmentRequired: z.boolean().default(false),
  /** Offered single sign-on (pro, configured and enabled), or null. */
  sso: SsoStatus,
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export const SetupBody = z.object({ username: Username, password: Password });
export type SetupBody = z.infer<typeof SetupBody>;

export const LoginBody = z.object({
  username: z.string().trim().min(1, 'Username is required.').max(64),
  password: z.string().min(1, 'Password is required.').max(1024),
  /** The authenticator code in the same call, for clients that have it at hand. */
  totp: z.string().max(16).optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const LoginResponse = z.object({ user: User });

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: Password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const SessionInfo = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string(),
  userAgent: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionIdParams = z.object({ id: z.string().min(1).max(64) });

export const LoginAuditEntry = z.object({
  at: z.string(),
  username: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  success: z.boolean(),
  reason: z.string(),
  /** Attempts this entry stands for: repeated rate-limited sign-ins fold into one entry. */
  count: z.number().int().min(1),
  /** The last of the folded attempts (equal to `at` when `count` is 1). */
  lastAt: z.string(),
  /** How the sign-in was attempted: `password`, `sso`, … */
  method: z.string(),
});
export type LoginAuditEntry = z.infer<typeof LoginAuditEntry>;

export const ListLimitQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
