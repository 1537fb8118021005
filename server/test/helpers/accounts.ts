import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { User } from '@archnest/contract';

export const ADMIN = { username: 'admin', password: 'correct-horse-42' };
export const MEMBER_PASSWORD = 'battery-staple-77';

/** The `name=value` part of the session cookie a response set, ready for a Cookie header. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'archnest_session');
  if (!cookie || !cookie.value)
    throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return `archnest_session=${cookie.value}`;
}

export async function setupAdmin(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/setup', payload: ADMIN });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
  return sessionCookie(response);
}

export async function login(
  app: FastifyInstance,
  username: string,
  password: string,
  ip = '127.0.0.1',
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return sessionCookie(response);
}

export async function createUser(
  app: FastifyInstance,
  adminCookie: string,
  username: string,
  role: 'admin' | 'member' = 'member',
): Promise<User> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie: adminCookie },
    payload: { username, password: MEMBER_PASSWORD, role },
  });
  if (response.statusCode !== 201)
    throw new Error(`create user failed: ${response.statusCode} ${response.body}`);
  return response.json<User>();
}
