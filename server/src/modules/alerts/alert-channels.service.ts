import { randomUUID } from 'node:crypto';
import {
  ChannelInput,
  type Channel,
  type ChannelKind,
  type ChannelTestResult,
  type CreateChannelBody,
  type Delivery,
  type UpdateChannelBody,
} from '@archnest/contract';
import type { z } from 'zod';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import { testMessage } from './alert-message';
import type { AlertChannelsRepo, ChannelRow } from './alert-channels.repo';
import { toDelivery, type AlertDeliveriesRepo } from './alert-deliveries.repo';
import { channelDefinition } from './channels/registry';
import { ChannelUrlError, parseChannelUrl } from './channels/shoutrrr-url';
import type { DeliveryQueue, ResolvedChannel } from './delivery-queue';

const aad = (id: string) => `alert_channel:${id}:secrets`;

function invalid(error: z.ZodError, prefix: string): AppError {
  const issues = error.issues.map((i) => ({
    path: [prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));
  return new AppError(
    400,
    'invalid_request',
    `The body is not valid: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    {},
    issues,
  );
}

function toDto(row: ChannelRow): Channel {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ChannelKind,
    enabled: row.enabled === 1,
    timeoutSeconds: Number(row.timeout_seconds),
    config: JSON.parse(row.config) as Record<string, unknown>,
    secretsSet: JSON.parse(row.secret_names) as string[],
    target: row.target,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Channels: admins add, change, test and remove them; secrets are sealed and never leave the server. */
export class AlertChannelsService {
  private queue: DeliveryQueue | null = null;
  private readonly listeners: ((deletedId: string | null) => void)[] = [];

  constructor(
    private readonly repo: AlertChannelsRepo,
    private readonly deliveries: AlertDeliveriesRepo,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  useQueue(queue: DeliveryQueue): void {
    this.queue = queue;
  }

  onChange(listener: (deletedId: string | null) => void): void {
    this.listeners.push(listener);
  }

  async list(): Promise<Channel[]> {
    return (await this.repo.list()).map(toDto);
  }

  async summaries(): Promise<{ id: string; name: string; kind: ChannelKind; enabled: boolean }[]> {
    return (await this.list()).map(({ id, name, kind, enabled }) => ({ id, name, kind, enabled }));
  }

  async create(actor: Actor, body: CreateChannelBody): Promise<Channel> {
    const input = this.inputOf(body);
    const id = randomUUID();
    const now = this.clock.now().toISOString();
    const row: ChannelRow = {
      id,
      name: input.name,
      kind: input.kind,
      enabled: input.enabled ? 1 : 0,
      timeout_seconds: input.timeoutSeconds,
      ...this.stored(id, input),
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row);
    await this.audit.record(actor, {
      action: 'alert_channel.created',
      targetType: 'alert_channel',
      targetId: id,
      targetName: row.name,
      detail: { kind: row.kind, secretsSet: JSON.parse(row.secret_names) as string[] },
    });
    this.changed();
    return toDto(row);
  }

  async update(actor: Actor, id: string, body: UpdateChannelBody): Promise<Channel> {
    const row = await this.get(id);
    const secrets: Record<string, unknown> = { ...this.openSecrets(row) };
    for (const [name, value] of Object.entries(body.secrets ?? {})) {
      if (value === null) delete secrets[name];
      else secrets[name] = value;
    }
    const parsed = ChannelInput.safeParse({
      kind: row.kind,
      name: body.name ?? row.name,
      enabled: body.enabled ?? row.enabled === 1,
      timeoutSeconds: body.timeoutSeconds ?? Number(row.timeout_seconds),
      config: body.config ?? (JSON.parse(row.config) as Record<string, unknown>),
      secrets,
    });
    if (!parsed.success) throw invalid(parsed.error, 'channel');
    const input = parsed.data;
    const next: ChannelRow = {
      ...row,
      name: input.name,
      enabled: input.enabled ? 1 : 0,
      timeout_seconds: input.timeoutSeconds,
      ...this.stored(id, input),
      updated_at: this.clock.now().toISOString(),
    };
    const { id: _id, created_at: _c, ...changes } = next;
    await this.repo.update(id, changes);
    await this.audit.record(actor, {
      action: 'alert_channel.updated',
      targetType: 'alert_channel',
      targetId: id,
      targetName: next.name,
      detail: {
        fields: Object.keys(body).filter((k) => k !== 'secrets'),
        secretsChanged: Object.keys(body.secrets ?? {}),
      },
    });
    this.changed();
    return toDto(next);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const row = await this.get(id);
    await this.repo.delete(id);
    await this.audit.record(actor, {
      action: 'alert_channel.deleted',
      targetType: 'alert_channel',
      targetId: id,
      targetName: row.name,
      detail: { kind: row.kind },
    });
    this.changed(id);
  }

  /** A test message through the same queue, retries included; answers once it settled. */
  async test(id: string): Promise<ChannelTestResult> {
    const row = await this.get(id);
    if (!this.queue) throw new AppError(503, 'internal', 'Delivery is not running.');
    const now = this.clock.now().toISOString();
    const message = testMessage(row.name, now);
    const deliveryId = randomUUID();
    await this.deliveries.insert({
      id: deliveryId,
      channel_id: id,
      event_id: null,
      title: message.title,
      payload: JSON.stringify(message),
      status: 'queued',
      attempts: 0,
      http_status: null,
      error: null,
      next_attempt_at: null,
      created_at: now,
      updated_at: now,
    });
    const settled = this.queue.settled(deliveryId);
    this.queue.enqueue([{ id: deliveryId, channelId: id }]);
    return { delivery: toDelivery(await settled) };
  }

  async deliveryLog(id: string): Promise<Delivery[]> {
    await this.get(id);
    return (await this.deliveries.forChannel(id, 100)).map(toDelivery);
  }

  /** For the delivery queue: the channel with its secrets opened, or null when it is gone. */
  async resolve(id: string): Promise<ResolvedChannel | null> {
    const row = await this.repo.find(id);
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      kind: row.kind as ChannelKind,
      enabled: row.enabled === 1,
      timeoutMs: Number(row.timeout_seconds) * 1000,
      config: JSON.parse(row.config),
      secrets: this.openSecrets(row),
    };
  }

  private inputOf(body: CreateChannelBody): ChannelInput {
    if (!('url' in body)) {
      const parsed = ChannelInput.safeParse(body);
      if (!parsed.success) throw invalid(parsed.error, 'channel');
      return parsed.data;
    }
    let fromUrl;
    try {
      fromUrl = parseChannelUrl(body.url);
    } catch (err) {
      if (err instanceof ChannelUrlError) throw new AppError(400, 'invalid_channel_url', err.message);
      throw err;
    }
    if (fromUrl.kind === 'webhook') {
      if (!body.signingSecret) {
        throw new AppError(
          400,
          'invalid_channel_url',
          'A generic webhook needs a signingSecret of 16 characters or more.',
        );
      }
      fromUrl.secrets.signingSecret = body.signingSecret;
    }
    const parsed = ChannelInput.safeParse({
      ...fromUrl,
      name: body.name,
      enabled: body.enabled,
      timeoutSeconds: body.timeoutSeconds,
    });
    if (!parsed.success) {
      // The URL's parts, not the body's fields, were wrong: say so without echoing secrets.
      const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new AppError(400, 'invalid_channel_url', `The URL does not give a valid channel (${where}).`);
    }
    return parsed.data;
  }

  private stored(id: string, input: ChannelInput) {
    const secrets = Object.fromEntries(Object.entries(input.secrets).filter(([, v]) => v !== undefined));
    const names = Object.keys(secrets).sort();
    return {
      config: JSON.stringify(input.config),
      secret_names: JSON.stringify(names),
      secrets_sealed: names.length ? this.box.seal(JSON.stringify(secrets), aad(id)) : null,
      target: channelDefinition(input.kind).target(input.config, input.secrets),
    };
  }

  private openSecrets(row: ChannelRow): Record<string, unknown> {
    if (!row.secrets_sealed) return {};
    return JSON.parse(this.box.open(row.secrets_sealed, aad(row.id))) as Record<string, unknown>;
  }

  private async get(id: string): Promise<ChannelRow> {
    const row = await this.repo.find(id);
    if (!row) throw notFound('Channel');
    return row;
  }

  private changed(deletedId: string | null = null): void {
    for (const listener of this.listeners) listener(deletedId);
  }
}
