import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Host } from '@archnest/contract';
import { SsoRepo } from '../../src/auth/sso/sso.repo';
import { TerminalAuditRepo } from '../../src/modules/terminal/terminal-audit.repo';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from './accounts';
import { createApiKey } from './api-keys';
import { syntheticReport } from './agent-report';
import { makePrivateKey } from './keys';
import type { TestApp } from './test-app';
import { enrolTwoFactor, startLogin } from './two-factor';
import { systemClock } from '../../src/clock';

export const HOST_PASSWORD = 'host-pw-Sealed-4411';
export const KEY_PASSPHRASE = 'open sesame 12';
export const INTEGRATION_SECRET = 'pve-token-secret-9f3a';

export interface Filled {
  passwordHostId: string;
  keyHostId: string;
}

/**
 * Puts at least one row into every table the way the product does: the HTTP API for what a person
 * does, the services and repos the SSH terminal and single sign-on paths write through otherwise
 * (those need a live sshd session or identity provider round trip).
 */
export async function fillEveryTable(t: TestApp): Promise<Filled> {
  const { app, services } = t;
  const call = async (method: 'POST' | 'PUT' | 'PATCH', url: string, cookie: string, payload: object) => {
    const response = await app.inject({ method, url, headers: { cookie }, payload });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json<Record<string, unknown>>();
  };
  // users, sessions, login_audit, audit_log
  const admin = await setupAdmin(app);
  const alice = await createUser(app, admin, 'alice');
  const bob = await createUser(app, admin, 'bob');
  const aliceCookie = await login(app, 'alice', MEMBER_PASSWORD);
  await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'alice', password: 'nope-nope-1' },
  });
  // preferences
  await call('PATCH', '/api/preferences', aliceCookie, { appearance: { theme: 'dark' } });
  // api_keys
  await createApiKey(app, aliceCookie, 'read', 'ci');
  // two_factor_secrets, two_factor_recovery_codes, then pending_logins (a sign-in waiting for its code)
  const bobCookie = await login(app, 'bob', MEMBER_PASSWORD);
  await enrolTwoFactor(app, bobCookie, systemClock);
  await startLogin(app, 'bob', MEMBER_PASSWORD);
  // two_factor_settings
  await call('PUT', '/api/admin/two-factor', admin, { requirement: 'off' });
  // backup_schedule
  await call('PUT', '/api/admin/backups/schedule', admin, {
    enabled: false,
    intervalHours: 12,
    keep: 5,
    directory: '/var/backups/archnest',
    withSecretKey: true,
  });
  // credentials, hosts (sealed secrets), host_jumps, host_grants, host_user_credentials
  const credential = await call('POST', '/api/credentials', admin, {
    name: 'ops key',
    kind: 'key',
    privateKey: makePrivateKey('ed25519', KEY_PASSPHRASE),
    passphrase: KEY_PASSPHRASE,
  });
  const bastion = (await call('POST', '/api/hosts', admin, {
    name: 'bastion',
    address: '127.0.0.1',
    port: 2201,
    username: 'ops',
    authMethod: 'password',
    password: HOST_PASSWORD,
  })) as unknown as Host;
  const inner = (await call('POST', '/api/hosts', admin, {
    name: 'inner',
    address: '10.0.0.7',
    port: 22,
    username: 'ops',
    authMethod: 'key',
    credentialId: credential.id,
    jumpHostIds: [bastion.id],
    access: 'chosen',
    allowedUserIds: [alice.id],
  })) as unknown as Host;
  const personal = (await call('POST', '/api/hosts', admin, {
    name: 'personal',
    address: '10.0.0.8',
    port: 22,
    username: 'ops',
    authMethod: 'per-user',
  })) as unknown as Host;
  await call('PUT', `/api/hosts/${personal.id}/my-credential`, aliceCookie, {
    kind: 'password',
    username: 'alice-ssh',
    password: 'alice-own-pw-55',
  });
  // known_host_keys: a key seen while connecting, then trusted by an admin
  const verdict = await services.hostKeys.verify({
    hostName: 'bastion',
    address: '127.0.0.1',
    port: 2201,
    hop: 0,
    algorithm: 'ssh-ed25519',
    fingerprint: `SHA256:${randomBytes(32).toString('base64').replace(/=+$/, '')}`,
    publicKey: randomBytes(51).toString('base64'),
  });
  const challengeId = (verdict as { challenge?: { challengeId: string } }).challenge?.challengeId;
  expect(challengeId, JSON.stringify(verdict)).toBeTruthy();
  await call('POST', '/api/known-host-keys/trust', admin, { challengeId: challengeId! });
  // terminal_sessions: the terminal service's audit record of a finished shell
  const terminalAudit = new TerminalAuditRepo(t.database.db);
  const terminalId = randomBytes(8).toString('hex');
  await terminalAudit.start({
    id: terminalId,
    user_id: alice.id,
    username: 'alice',
    host_id: bastion.id,
    host_name: 'bastion',
    address: '127.0.0.1',
    port: 2201,
    fingerprint: 'SHA256:abc',
    started_at: new Date().toISOString(),
    bytes_in: 0,
    bytes_out: 0,
  });
  await terminalAudit.finish(terminalId, new Date().toISOString(), 5_000_000_000, 1234, 'closed');
  // docker_hosts
  await call('POST', '/api/docker/hosts', admin, { kind: 'ssh', name: 'on-bastion', sshHostId: bastion.id });
  // agent_tokens, agent_hosts, agent_samples (two reports: samples need a previous counter)
  const issued = await call('POST', '/api/agents/tokens', admin, { hostLabel: 'vm-1' });
  for (const tick of [1, 2]) {
    const posted = await app.inject({
      method: 'POST',
      url: '/api/agents/docker/report',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${String(issued.token)}` },
      payload: JSON.stringify(syntheticReport('vm-1', 3, tick)),
    });
    expect(posted.statusCode, posted.body).toBe(202);
  }
  // integrations (sealed token secret)
  await call('POST', '/api/integrations', admin, {
    kind: 'proxmox',
    name: 'Homelab',
    config: { url: 'https://pve.example.test:8006', tokenId: 'root@pam!archnest' },
    secrets: { tokenSecret: INTEGRATION_SECRET },
  });
  // sso_settings (sealed client secret), sso_role_pins
  await call('PUT', '/api/admin/sso/settings', admin, {
    issuer: 'https://id.example.test/realms/main',
    clientId: 'archnest',
    clientSecret: 'oidc-client-secret-77',
  });
  await call('PUT', `/api/admin/sso/users/${alice.id}/role-pin`, admin, { pinned: true });
  // sso_identities, sso_logins, sso_pending_links: what the sign-in flow stores
  const sso = new SsoRepo(t.database.db);
  const now = new Date();
  const later = new Date(now.getTime() + 3_600_000).toISOString();
  await sso.linkIdentity({
    issuer: 'https://id.example.test/realms/main',
    subject: 'alice-sub',
    user_id: alice.id,
    linked_at: now.toISOString(),
    last_login_at: now.toISOString(),
  });
  await sso.insertLogin({
    id_hash: randomBytes(32).toString('hex'),
    state: 'st',
    nonce: 'no',
    code_verifier: 'cv',
    redirect_uri: 'https://archnest.example.test/api/auth/sso/callback',
    created_at: now.toISOString(),
    expires_at: later,
  });
  await sso.insertPendingLink({
    id_hash: randomBytes(32).toString('hex'),
    user_id: bob.id,
    issuer: 'https://id.example.test/realms/main',
    subject: 'bob-sub',
    role: 'member',
    attempts: 0,
    expires_at: later,
  });
  // alert_channels, alert_rules, alert_subscriptions through the API
  const channel = await call('POST', '/api/alert-channels', admin, {
    name: 'ops webhook',
    url: 'generic+https://hooks.example.test/archnest',
    signingSecret: 'whsec-fill-every-table',
  });
  const rule = await call('POST', '/api/alert-rules', admin, {
    name: 'exited containers',
    condition: { kind: 'container_exited' },
    channelIds: [String(channel.id)],
  });
  await call('PUT', '/api/alerts/subscriptions', aliceCookie, {
    subscriptions: [{ ruleId: String(rule.id), channelId: String(channel.id) }],
  });
  // alert_states, alert_events, alert_deliveries: what the engine writes when a rule fires (it fires
  // on a poll of a real source, which this fill has none of)
  const db = t.database.db;
  const at = now.toISOString();
  const subject = { subject_key: 'docker:h1/web', subject_name: 'web', host: 'h1' };
  await db
    .insertInto('alert_states')
    .values({
      rule_id: String(rule.id),
      ...subject,
      source_id: 'docker:h1',
      status: 'firing',
      since: at,
      firing_since: at,
      clear_since: null,
      notified_at: at,
      muted_until: null,
      message: 'web exited with code 137',
    })
    .execute();
  const event = await db
    .insertInto('alert_events')
    .values({
      at,
      kind: 'firing',
      rule_id: String(rule.id),
      rule_name: 'exited containers',
      severity: 'warning',
      ...subject,
      message: 'web exited with code 137',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('alert_deliveries')
    .values({
      id: randomBytes(8).toString('hex'),
      channel_id: String(channel.id),
      event_id: Number(event.id),
      title: 'web exited',
      payload: '{}',
      status: 'sent',
      attempts: 1,
      http_status: 200,
      error: null,
      next_attempt_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  // alert_reads through the API
  const read = await app.inject({
    method: 'POST',
    url: '/api/alerts/inbox/read',
    headers: { cookie: aliceCookie },
    payload: { upToId: Number(event.id) },
  });
  expect(read.statusCode).toBe(204);
  // login_limits: the failed sign-in above counted there on PostgreSQL; SQLite keeps counters in memory
  const limits = await db.selectFrom('login_limits').select('key').execute();
  if (limits.length === 0) {
    const end = Date.now() + 900_000;
    await db
      .insertInto('login_limits')
      .values({
        key: 'ip:127.0.0.1',
        failures: 1,
        in_flight: 0,
        window_end: end,
        locked_until: 0,
        lockouts: 0,
      })
      .execute();
  }
  // source_snapshots: what a polling replica stores for the others (PostgreSQL replicas only)
  await db
    .insertInto('source_snapshots')
    .values({
      source_id: 'integration:filled',
      revision: 'r1',
      attempted_at: new Date().toISOString(),
      success_at: new Date().toISOString(),
      snapshot: JSON.stringify({ groups: [] }),
      error_code: null,
      error_message: null,
    })
    .execute();
  // pull_agent_enrolments: an open enrolment with its sealed token (the route is pro-only)
  await t.services.pullAgentEnrolments.create(
    { id: null, name: 'system', ip: '127.0.0.1' },
    { name: 'vm-pull', address: '127.0.0.1:7443', monitorOnly: false, allowExec: false },
    'http://127.0.0.1',
  );
  return { passwordHostId: bastion.id, keyHostId: inner.id };
}
