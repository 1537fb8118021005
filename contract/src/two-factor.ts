import { z } from 'zod';
import { User } from './users';

/** A six-digit authenticator code (spaces tolerated, as apps show them in groups of three). */
export const TotpCode = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'));

/** A one-time recovery code: 16 letters/digits, dashes and case ignored. */
export const RecoveryCode = z
  .string()
  .max(64)
  .transform((v) => v.replace(/[\s-]+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z2-7]{16}$/, 'A recovery code has 16 letters and digits.'));

export const RECOVERY_CODE_COUNT = 10;

/** Who must use two-factor sign-in: nobody is forced, admins, or every user. */
export const TwoFactorRequirement = z.enum(['off', 'admins', 'everyone']);
export type TwoFactorRequirement = z.infer<typeof TwoFactorRequirement>;

/** Login's answer: a session (`user`), or a request for the second factor (pending cookie set). */
export const TwoFactorChallenge = z.object({ twoFactorRequired: z.literal(true) });
export const LoginResult = z.union([z.object({ user: User }), TwoFactorChallenge]);
export type LoginResult = z.infer<typeof LoginResult>;

/** Exactly one of an authenticator code or a recovery code. */
export const SecondFactorBody = z.union([
  z.object({ code: TotpCode }).strict(),
  z.object({ recoveryCode: RecoveryCode }).strict(),
]);
export type SecondFactorBody = z.infer<typeof SecondFactorBody>;

export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  /** An enrolment was started (secret issued) and waits for its first code. */
  enrolmentPending: z.boolean(),
  /** The instance requires two-factor for this user and it is not enabled yet. */
  enrolmentRequired: z.boolean(),
  requirement: TwoFactorRequirement,
  recoveryCodesRemaining: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

/** Shown once, when enrolment starts; the secret is never returned again after confirmation. */
export const TwoFactorEnrolment = z.object({ secret: z.string(), uri: z.string() });
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolment>;

export const ConfirmEnrolmentBody = z.object({ code: TotpCode });
export type ConfirmEnrolmentBody = z.infer<typeof ConfirmEnrolmentBody>;

export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** Regenerating recovery codes needs a current authenticator code or the password. */
export const RegenerateRecoveryCodesBody = z.union([
  z.object({ code: TotpCode }).strict(),
  z.object({ password: z.string().min(1, 'Password is required.').max(1024) }).strict(),
]);
export type RegenerateRecoveryCodesBody = z.infer<typeof RegenerateRecoveryCodesBody>;

/** Turning off needs the password and a current code (or, with the device lost, a recovery code). */
const PasswordField = z.string().min(1, 'Password is required.').max(1024);
export const DisableTwoFactorBody = z.union([
  z.object({ password: PasswordField, code: TotpCode }).strict(),
  z.object({ password: PasswordField, recoveryCode: RecoveryCode }).strict(),
]);
export type DisableTwoFactorBody = z.infer<typeof DisableTwoFactorBody>;

export const TwoFactorPolicy = z.object({
  requirement: TwoFactorRequirement,
  /** Ids of users with two-factor sign-in turned on. */
  enrolledUserIds: z.array(z.string()),
});
export type TwoFactorPolicy = z.infer<typeof TwoFactorPolicy>;

export const UpdateTwoFactorPolicyBody = z.object({ requirement: TwoFactorRequirement });
export type UpdateTwoFactorPolicyBody = z.infer<typeof UpdateTwoFactorPolicyBody>;
