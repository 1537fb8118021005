import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Clock } from '../../src/clock';

export const PENDING_COOKIE = 'archnest_pending_login';

/** The code an authenticator app would show for `secret` at the clock's time (offset in steps). */
export function totpCode(secret: string, clock: Clock, stepOffset = 0): string {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: clock.now().getTime() + stepOffset * 30_000 });
}

export function pendingCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === PENDING_COOKIE);
  if (!cookie?.value) throw new Error(`no pending-login cookie in ${response.statusCode}: ${response.body}`);
  return `${PENDING_COOKIE}=${cookie.value}`;
}

/** Turns two-factor on for the signed-in user; returns the secret and the recovery codes. */
export async function enrolTwoFactor(
  app: FastifyInstance,
  cookie: string,
  clock: Clock,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await app.inject({
    method: 'POST',
    url: '/api/auth/two-factor/enrolment',
    headers: { cookie },
  });
  if (start.statusCode !== 201) throw new Error(`enrolment failed: ${start.statusCode} ${start.body}`);
  const { secret } = start.json<{ secret: string }>();
  const confirm = await app.inject({
    method: 'POST',
    url: '/api/auth/two-factor/enrolment/confirm',
    headers: { cookie },
    payload: { code: totpCode(secret, clock) },
  });
  if (confirm.statusCode !== 200) throw new Error(`confirm failed: ${confirm.statusCode} ${confirm.body}`);
  return { secret, recoveryCodes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

/** Password step of a two-factor login: returns the pending-login cookie. */
export async function startLogin(app: FastifyInstance, username: string, password: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200 || !response.json<{ twoFactorRequired?: boolean }>().twoFactorRequired)
    throw new Error(`expected a two-factor challenge: ${response.statusCode} ${response.body}`);
  return pendingCookie(response);
}

export function finishLogin(
  app: FastifyInstance,
  pending: string | undefined,
  payload: { code: string } | { recoveryCode: string },
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login/two-factor',
    headers: pending ? { cookie: pending } : {},
    payload,
  });
}
