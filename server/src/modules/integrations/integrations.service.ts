import { randomUUID } from 'node:crypto';
import type {
  CreateIntegrationBody,
  Integration as IntegrationDto,
  IntegrationTestResult,
  UpdateIntegrationBody,
} from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { notFound } from '../../http/app-error';
import type { Integration, IntegrationInstance } from '../../integrations/integration';
import { asIntegrationError } from '../../integrations/integration-error';
import { integrationRegistry } from '../../integrations/registry';
import { probeCertificate } from '../../integrations/tls-trust';
import type { Actor, AuditService } from '../audit/audit.service';
import { checkKind, mergeUpdate, presentSecrets } from './integration-input';
import type { IntegrationRow, IntegrationsRepo } from './integrations.repo';

const aad = (id: string) => `integration:${id}:secrets`;

function toDto(row: IntegrationRow): IntegrationDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    config: JSON.parse(row.config) as Record<string, unknown>,
    secretsSet: JSON.parse(row.secret_names) as string[],
    tls: { pinnedSha256: row.tls_pinned_sha256, hasCa: row.tls_ca !== null },
    pollIntervalSeconds: row.poll_interval_seconds,
    timeoutSeconds: row.timeout_seconds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Integration instances: admins add, change, test and remove them; secrets are sealed and never leave. */
export class IntegrationsService {
  private readonly listeners: ((id: string) => void)[] = [];

  constructor(
    private readonly repo: IntegrationsRepo,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Called with an instance id whenever it is created, changed or removed (the poller re-reads). */
  onChange(listener: (id: string) => void): void {
    this.listeners.push(listener);
  }

  async list(): Promise<IntegrationDto[]> {
    return (await this.repo.list()).map(toDto);
  }

  rows(): Promise<IntegrationRow[]> {
    return this.repo.list();
  }

  async get(id: string): Promise<IntegrationRow> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('Integration');
    return row;
  }

  async create(actor: Actor, body: CreateIntegrationBody): Promise<IntegrationDto> {
    const id = randomUUID();
    const now = this.clock.now().toISOString();
    const secrets = presentSecrets(body.secrets);
    checkKind(body.kind, body.config, secrets);
    const row: IntegrationRow = {
      id,
      kind: body.kind,
      name: body.name,
      config: JSON.stringify(body.config),
      ...this.sealed(id, secrets),
      tls_pinned_sha256: body.tls?.pinnedSha256 ?? null,
      tls_ca: body.tls?.ca ?? null,
      poll_interval_seconds: body.pollIntervalSeconds,
      timeout_seconds: body.timeoutSeconds,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row);
    await this.audit.record(actor, {
      action: 'integration.created',
      targetType: 'integration',
      targetId: id,
      targetName: row.name,
      detail: { kind: row.kind, secretsSet: Object.keys(secrets), pinned: row.tls_pinned_sha256 !== null },
    });
    this.changed(id);
    return toDto(row);
  }

  async update(actor: Actor, id: string, body: UpdateIntegrationBody): Promise<IntegrationDto> {
    const row = await this.get(id);
    const merged = mergeUpdate(row.kind, JSON.parse(row.config), this.openSecrets(row), body);
    const next: IntegrationRow = {
      ...row,
      name: body.name ?? row.name,
      config: JSON.stringify(merged.config),
      ...this.sealed(id, merged.secrets),
      tls_pinned_sha256: body.tls?.pinnedSha256 === undefined ? row.tls_pinned_sha256 : body.tls.pinnedSha256,
      tls_ca: body.tls?.ca === undefined ? row.tls_ca : body.tls.ca,
      poll_interval_seconds: body.pollIntervalSeconds ?? row.poll_interval_seconds,
      timeout_seconds: body.timeoutSeconds ?? row.timeout_seconds,
      updated_at: this.clock.now().toISOString(),
    };
    const { id: _id, created_at: _created, ...changes } = next;
    await this.repo.update(id, changes);
    await this.audit.record(actor, {
      action: 'integration.updated',
      targetType: 'integration',
      targetId: id,
      targetName: next.name,
      detail: {
        fields: Object.keys(body).filter((k) => k !== 'secrets'),
        secretsChanged: merged.secretsChanged,
      },
    });
    this.changed(id);
    return toDto(next);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const row = await this.get(id);
    await this.repo.delete(id);
    await this.audit.record(actor, {
      action: 'integration.deleted',
      targetType: 'integration',
      targetId: id,
      targetName: row.name,
      detail: { kind: row.kind },
    });
    this.changed(id);
  }

  /** Connects once with the saved settings; never throws for a source failure, it reports it. */
  async test(id: string): Promise<IntegrationTestResult> {
    const row = await this.get(id);
    const integration = this.integrationFor(row);
    const started = performance.now();
    const signal = AbortSignal.timeout(row.timeout_seconds * 1000);
    try {
      const outcome = await integration.testConnection(signal);
      return {
        ok: true,
        message: outcome.message,
        errorCode: null,
        resourceCount: outcome.resourceCount,
        durationMs: Math.round(performance.now() - started),
        certificate: await this.presented(row, signal),
      };
    } catch (err) {
      const e = asIntegrationError(err);
      return {
        ok: false,
        message: e.message,
        errorCode: e.code,
        resourceCount: null,
        durationMs: Math.round(performance.now() - started),
        certificate: e.certificate,
      };
    } finally {
      integration.dispose();
    }
  }

  /** A live integration for a row, secrets opened; the caller disposes it. */
  integrationFor(row: IntegrationRow): Integration {
    const instance: IntegrationInstance<unknown, unknown> = {
      id: row.id,
      name: row.name,
      config: JSON.parse(row.config),
      secrets: this.openSecrets(row),
      tls: { pinnedSha256: row.tls_pinned_sha256, ca: row.tls_ca },
    };
    return integrationRegistry[row.kind].create(instance);
  }

  private openSecrets(row: IntegrationRow): Record<string, string> {
    if (!row.secrets_sealed) return {};
    return JSON.parse(this.box.open(row.secrets_sealed, aad(row.id))) as Record<string, string>;
  }

  private sealed(id: string, secrets: Record<string, string>) {
    const names = Object.keys(secrets).sort();
    return {
      secret_names: JSON.stringify(names),
      secrets_sealed: names.length ? this.box.seal(JSON.stringify(secrets), aad(id)) : null,
    };
  }

  /** The certificate an https URL presents, so a successful test still shows what is trusted. */
  private async presented(row: IntegrationRow, signal: AbortSignal) {
    const url = (JSON.parse(row.config) as { url?: unknown; endpoint?: unknown }).url ?? null;
    if (typeof url !== 'string' || !url.startsWith('https:')) return null;
    const u = new URL(url);
    return probeCertificate(u.hostname.replace(/^\[|\]$/g, ''), Number(u.port || 443), signal);
  }

  private changed(id: string): void {
    for (const listener of this.listeners) listener(id);
  }
}
