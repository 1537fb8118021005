import { randomUUID } from 'node:crypto';
import type { CreateCredentialBody, Credential, UpdateCredentialBody } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import type { CredentialRow, CredentialsRepo } from './credentials.repo';
import {
  applySecretChanges,
  noSecrets,
  openSecrets,
  requireSecretsFor,
  sealUsedSecrets,
  secretFlags,
  type OpenedSecrets,
} from './secret-fields';

function toCredential(row: CredentialRow, usedBy: number): Credential {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    ...secretFlags(row),
    usedBy,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Named, reusable secrets. Values are sealed at rest and never leave the server. */
export class CredentialsService {
  constructor(
    private readonly repo: CredentialsRepo,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Credential[]> {
    const usage = await this.repo.usage();
    return (await this.repo.list()).map((row) => toCredential(row, usage.get(row.id) ?? 0));
  }

  async create(actor: Actor, body: CreateCredentialBody): Promise<Credential> {
    const id = randomUUID();
    const opened = applySecretChanges(noSecrets, body);
    requireSecretsFor(body.kind, opened);
    const sealed = sealUsedSecrets(this.box, `credential:${id}`, body.kind, opened);
    const now = this.clock.now().toISOString();
    const row: CredentialRow = {
      id,
      name: body.name,
      kind: body.kind,
      ...sealed,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row);
    await this.audit.record(actor, {
      action: 'credential.created',
      targetType: 'credential',
      targetId: id,
      targetName: body.name,
      detail: { kind: body.kind },
    });
    return toCredential(row, 0);
  }

  async update(actor: Actor, id: string, body: UpdateCredentialBody): Promise<Credential> {
    const row = await this.require(id);
    const current = openSecrets(this.box, `credential:${id}`, row);
    const opened = applySecretChanges(current, body);
    requireSecretsFor(row.kind, opened);
    const sealed = sealUsedSecrets(this.box, `credential:${id}`, row.kind, opened);
    const updated: CredentialRow = {
      ...row,
      ...sealed,
      name: body.name ?? row.name,
      updated_at: this.clock.now().toISOString(),
    };
    await this.repo.update(id, { ...sealed, name: updated.name, updated_at: updated.updated_at });
    const changed = (['password', 'privateKey', 'passphrase', 'certificate'] as const).filter(
      (k) => body[k] !== undefined,
    );
    await this.audit.record(actor, {
      action: 'credential.updated',
      targetType: 'credential',
      targetId: id,
      targetName: updated.name,
      detail: { secretsChanged: changed, renamed: body.name !== undefined && body.name !== row.name },
    });
    return toCredential(updated, (await this.repo.usage()).get(id) ?? 0);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const row = await this.require(id);
    const used = (await this.repo.usage()).get(id) ?? 0;
    if (used > 0)
      throw new AppError(
        409,
        'credential_in_use',
        `"${row.name}" is used by ${used} host(s); change them first.`,
      );
    await this.repo.delete(id);
    await this.audit.record(actor, {
      action: 'credential.deleted',
      targetType: 'credential',
      targetId: id,
      targetName: row.name,
    });
  }

  /** Secrets for connecting; server-internal only. */
  async open(id: string): Promise<{ kind: CredentialRow['kind']; secrets: OpenedSecrets }> {
    const row = await this.require(id);
    return { kind: row.kind, secrets: openSecrets(this.box, `credential:${id}`, row) };
  }

  async kindOf(id: string): Promise<CredentialRow['kind']> {
    return (await this.require(id)).kind;
  }

  private async require(id: string): Promise<CredentialRow> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('Credential');
    return row;
  }
}
