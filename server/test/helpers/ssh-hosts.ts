import { expect } from 'vitest';
import type { Host, TestConnectionResult } from '@archnest/contract';
import type { TestApp } from './test-app';

export interface PasswordHost {
  name: string;
  port: number;
  username: string;
  password: string;
}

/** Adds a host on 127.0.0.1 with password login, as an admin does in Settings › Hosts. */
export async function addPasswordHost(app: TestApp['app'], admin: string, host: PasswordHost): Promise<Host> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/hosts',
    headers: { cookie: admin },
    payload: {
      name: host.name,
      address: '127.0.0.1',
      port: host.port,
      username: host.username,
      authMethod: 'password',
      password: host.password,
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json<Host>();
}

/** Trusts a host's key the way a person does: test connection, then accept the challenge. */
export async function trustHostKey(app: TestApp['app'], admin: string, host: Host): Promise<void> {
  const test = (
    await app.inject({ method: 'POST', url: `/api/hosts/${host.id}/test`, headers: { cookie: admin } })
  ).json<TestConnectionResult>();
  const trusted = await app.inject({
    method: 'POST',
    url: '/api/known-host-keys/trust',
    headers: { cookie: admin },
    payload: { challengeId: test.hostKeyChallenge!.challengeId },
  });
  expect(trusted.statusCode).toBe(201);
}
