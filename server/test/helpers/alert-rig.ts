import { expect } from 'vitest';
import type { ActiveAlert, AlertRule, Channel } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import type { DeliveryOptions } from '../../src/modules/alerts/delivery-queue';
import { setupAdmin } from './accounts';
import { startReceiver, type Receiver } from './alert-receivers';
import type { Dialect } from '../../src/db/database';
import { createTestApp, type TestApp } from './test-app';

/**
 * An app on an injected clock with one webhook channel (a loopback receiver) and one rule sending to
 * it: the setup of the alert state-machine tests.
 */
export interface AlertRig {
  t: TestApp;
  receiver: Receiver;
  admin: string;
  clock: ManualClock;
  rule: AlertRule;
}

export async function startAlertRig(
  dialect: Dialect,
  rule: { name: string; condition: Record<string, unknown> } & Record<string, unknown>,
  options: { receiverStatus?: (n: number) => number; delivery?: Partial<DeliveryOptions> } = {},
): Promise<AlertRig> {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const t = await createTestApp({
    dialect,
    clock,
    ...(options.delivery ? { alertDelivery: options.delivery } : {}),
  });
  const admin = await setupAdmin(t.app);
  const receiver = await startReceiver(options.receiverStatus ? { status: options.receiverStatus } : {});
  const channel = await t.app.inject({
    method: 'POST',
    url: '/api/alert-channels',
    headers: { cookie: admin },
    payload: { kind: 'webhook', name: 'hook', secrets: { url: receiver.url, signingSecret: 'k'.repeat(20) } },
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/alert-rules',
    headers: { cookie: admin },
    payload: { channelIds: [channel.json<Channel>().id], ...rule },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { t, receiver, admin, clock, rule: res.json<AlertRule>() };
}

/** The kinds of the first `count` messages the receiver got (and nothing more arriving just after). */
export async function receivedKinds(receiver: Receiver, count: number): Promise<string[]> {
  await receiver.waitFor(count);
  await new Promise((res) => setTimeout(res, 100));
  return receiver.requests.map((q) => (q.json as { kind: string }).kind);
}

export async function activeAlerts(app: TestApp, cookie: string): Promise<ActiveAlert[]> {
  return (await app.app.inject({ method: 'GET', url: '/api/alerts/active', headers: { cookie } })).json();
}
