import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';

interface Infra {
  proxmox: { url: string; fingerprint: string; tokenId: string; tokenSecret: string };
}

const SECRET = 'e2e-alerts-signing-secret';

interface Received {
  kind: string;
  message: string;
  signed: boolean;
}

/** A loopback webhook receiver that checks each delivery's signature. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-archnest-timestamp']);
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`;
      const json = JSON.parse(body) as { kind: string; message: string };
      received.push({
        kind: json.kind,
        message: json.message,
        signed: req.headers['x-archnest-signature'] === expected,
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/archnest`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('a webhook channel is tested, a rule fires on a polled source, and the bell shows it live', async ({
  page,
  baseURL,
}) => {
  const receiver = await startReceiver();
  const { proxmox } = JSON.parse(process.env.ARCHNEST_E2E_INFRA ?? '{}') as Infra;
  const origin = { Origin: baseURL ?? '' };
  let integrationId: string | null = null;
  try {
    await signInAsFirstAdmin(page, baseURL);
    await page.goto('/settings?tab=notifications');

    // A channel, entered field by field; its secrets are never shown again.
    await page.getByRole('button', { name: 'New channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'New channel' });
    await dialog.getByLabel('Name').fill('e2e hook');
    await dialog.getByLabel('Kind').selectOption('webhook');
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByLabel('Signing secret').fill(SECRET);
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('table', { name: 'Channels' }).getByRole('row', { name: /e2e hook/ });
    await expect(row.getByText('signingSecret set')).toBeVisible();
    await expect(page.getByText(SECRET)).toHaveCount(0);

    await row.getByRole('button', { name: 'Test e2e hook' }).click();
    await expect(row.getByRole('status')).toHaveText('Test sent (HTTP 200).');
    expect(receiver.received).toEqual([expect.objectContaining({ kind: 'test', signed: true })]);
    await row.getByRole('button', { name: 'Log' }).click();
    await expect(row.getByRole('table', { name: 'Deliveries of e2e hook' }).getByText('sent')).toBeVisible();

    // A rule on data a poller already reads: the Proxmox fake's stopped guest "db".
    await page.getByRole('button', { name: 'New rule' }).click();
    const ruleDialog = page.getByRole('dialog', { name: 'New alert rule' });
    await ruleDialog.getByLabel('Name').fill('Guest stopped');
    await ruleDialog.getByLabel('Condition').selectOption('proxmox_guest_stopped');
    await ruleDialog.getByLabel('Applies to').selectOption('name');
    await ruleDialog.getByLabel('Match').fill('db');
    await ruleDialog.getByLabel('Severity').selectOption('critical');
    await ruleDialog.getByLabel('e2e hook').check();
    await ruleDialog.getByRole('button', { name: 'Add rule' }).click();
    await expect(ruleDialog).toBeHidden();
    await expect(
      page.getByRole('table', { name: 'Alert rules' }).getByRole('row', { name: /Guest stopped/ }),
    ).toContainText('Name db');

    await expect(page.getByTestId('alert-unread')).toHaveCount(0);
    const created = await page.request.post('/api/integrations', {
      headers: origin,
      data: {
        kind: 'proxmox',
        name: 'e2e alerts pve',
        config: { url: proxmox.url, tokenId: proxmox.tokenId },
        secrets: { tokenSecret: proxmox.tokenSecret },
        tls: { pinnedSha256: proxmox.fingerprint },
      },
    });
    expect(created.status()).toBe(201);
    integrationId = ((await created.json()) as { id: string }).id;

    // The first poll fires the rule: a signed webhook arrives and the bell counts it without a reload.
    await expect
      .poll(() => receiver.received.filter((r) => r.kind === 'firing').length, { timeout: 20_000 })
      .toBe(1);
    const firing = receiver.received.find((r) => r.kind === 'firing');
    expect(firing).toMatchObject({ signed: true, message: 'Proxmox guest db on pve1 is stopped.' });
    await expect(page.getByTestId('alert-unread')).toHaveText('1');
    await page.getByRole('button', { name: 'Alerts: 1 unread' }).click();
    await expect(page.getByRole('menuitem', { name: /Guest stopped/ })).toContainText(
      'Proxmox guest db on pve1 is stopped.',
    );
    await page.getByRole('menuitem', { name: 'All alerts and history' }).click();
    await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Active alerts' })).toContainText(
      'Proxmox guest db on pve1 is stopped.',
    );
    const history = page.getByRole('table', { name: 'Alert history' });
    await expect(history).toContainText('Guest stopped');
    await page.getByLabel('Event').selectOption('resolved');
    await expect(page.getByText('Nothing matches these filters.')).toBeVisible();
    // Closing the bell marked it read.
    await expect(page.getByTestId('alert-unread')).toHaveCount(0);

    // Editing the rule keeps its settings; a rename does not restart the firing alert.
    await page.goto('/settings?tab=notifications');
    await page.getByRole('button', { name: 'Edit Guest stopped' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Guest stopped' });
    await expect(edit.getByLabel('Match')).toHaveValue('db');
    await expect(edit.getByLabel('e2e hook')).toBeChecked();
    await edit.getByLabel('Name').fill('Stopped guests');
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole('table', { name: 'Alert rules' })).toContainText('Stopped guests');
    const active = (await (await page.request.get('/api/alerts/active')).json()) as {
      ruleName: string;
      status: string;
    }[];
    expect(active).toEqual([expect.objectContaining({ ruleName: 'Stopped guests', status: 'firing' })]);
    expect(receiver.received.filter((r) => r.kind === 'firing')).toHaveLength(1);
  } finally {
    if (integrationId) await page.request.delete(`/api/integrations/${integrationId}`, { headers: origin });
    for (const rule of (await (await page.request.get('/api/alert-rules')).json()) as { id: string }[]) {
      await page.request.delete(`/api/alert-rules/${rule.id}`, { headers: origin });
    }
    for (const channel of (await (await page.request.get('/api/alert-channels')).json()) as {
      id: string;
    }[]) {
      await page.request.delete(`/api/alert-channels/${channel.id}`, { headers: origin });
    }
    await receiver.close();
  }
});
