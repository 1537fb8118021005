import type { EndpointDef } from './endpoint';
import {
  ConfirmEnrolmentBody,
  DisableTwoFactorBody,
  RecoveryCodes,
  RegenerateRecoveryCodesBody,
  SecondFactorBody,
  TwoFactorEnrolment,
  TwoFactorPolicy,
  TwoFactorStatus,
  UpdateTwoFactorPolicyBody,
} from './two-factor';
import { User, UserIdParams } from './users';
import { z } from 'zod';

/**
 * Two-factor sign-in (TOTP). `twoFactorLogin` is public but needs the short-lived pending-login
 * cookie that a correct password set; everything else needs a session.
 */
export const twoFactorEndpoints = {
  twoFactorLogin: {
    method: 'POST',
    path: '/api/auth/login/two-factor',
    access: 'public',
    tag: 'auth',
    summary: 'Finish a sign-in with an authenticator or recovery code (needs the pending-login cookie)',
    body: SecondFactorBody,
    status: 200,
    response: z.object({ user: User }),
  },
  twoFactorStatus: {
    method: 'GET',
    path: '/api/auth/two-factor',
    access: 'user',
    tag: 'auth',
    summary: 'Own two-factor state',
    status: 200,
    response: TwoFactorStatus,
  },
  twoFactorStartEnrolment: {
    method: 'POST',
    path: '/api/auth/two-factor/enrolment',
    access: 'user',
    tag: 'auth',
    summary: 'Start (or restart) enrolment: a new secret and its otpauth:// URI',
    status: 201,
    response: TwoFactorEnrolment,
  },
  twoFactorConfirmEnrolment: {
    method: 'POST',
    path: '/api/auth/two-factor/enrolment/confirm',
    access: 'user',
    tag: 'auth',
    summary: 'Turn two-factor on with a first code; answers the recovery codes, once',
    body: ConfirmEnrolmentBody,
    status: 200,
    response: RecoveryCodes,
  },
  twoFactorRegenerateRecoveryCodes: {
    method: 'POST',
    path: '/api/auth/two-factor/recovery-codes',
    access: 'user',
    tag: 'auth',
    summary: 'Replace every recovery code (needs a current code or the password)',
    body: RegenerateRecoveryCodesBody,
    status: 200,
    response: RecoveryCodes,
  },
  twoFactorDisable: {
    method: 'POST',
    path: '/api/auth/two-factor/disable',
    access: 'user',
    tag: 'auth',
    summary: 'Turn two-factor off (needs the password and a current code)',
    body: DisableTwoFactorBody,
    status: 204,
    response: null,
  },
  adminTwoFactorPolicy: {
    method: 'GET',
    path: '/api/admin/two-factor',
    access: 'admin',
    tag: 'users',
    summary: 'Who must use two-factor, and who has it on',
    status: 200,
    response: TwoFactorPolicy,
  },
  adminUpdateTwoFactorPolicy: {
    method: 'PUT',
    path: '/api/admin/two-factor',
    access: 'admin',
    tag: 'users',
    summary: 'Require two-factor for nobody, admins or everyone',
    body: UpdateTwoFactorPolicyBody,
    status: 200,
    response: TwoFactorPolicy,
  },
  adminResetTwoFactor: {
    method: 'DELETE',
    path: '/api/users/:id/two-factor',
    access: 'admin',
    tag: 'users',
    summary: 'Turn off a user’s two-factor (lost device); audited',
    params: UserIdParams,
    status: 204,
    response: null,
  },
} as const satisfies Record<string, EndpointDef>;
