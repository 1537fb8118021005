import { randomUUID } from 'node:crypto';
import type { AuthMethod, CreateHostBody, Host, UpdateHostBody } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import type { CredentialsService } from '../credentials/credentials.service';
import {
  applySecretChanges,
  noSecrets,
  openSecrets,
  requireSecretsFor,
  sealUsedSecrets,
  secretFlags,
  type OpenedSecrets,
} from '../credentials/secret-fields';
import type { HostRow, HostsRepo } from './hosts.repo';
import { endpointKey, type KnownHostKeysRepo } from './known-host-keys.repo';

export const MAX_CHAIN_LENGTH = 8;

/** One hop of a resolved connection: everything `ssh/` needs, secrets opened. Server-internal only. */
export interface ConnectionHop {
  hostId: string;
  name: string;
  address: string;
  port: number;
  username: string;
  method: AuthMethod;
  secrets: OpenedSecrets;
  legacyAlgorithms: boolean;
}

const badChain = (message: string) => new AppError(400, 'invalid_jump_chain', message);

export class HostsService {
  constructor(
    private readonly repo: HostsRepo,
    private readonly knownKeys: KnownHostKeysRepo,
    private readonly credentials: CredentialsService,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Host[]> {
    const [rows, jumps, keys] = await Promise.all([
      this.repo.list(),
      this.repo.jumps(),
      this.knownKeys.list(),
    ]);
    const keyOf = new Map(keys.map((k) => [`${k.address}:${k.port}`, k]));
    return rows.map((row) =>
      this.toHost(row, jumps.get(row.id) ?? [], keyOf.get(`${endpointKey(row.address)}:${row.port}`)),
    );
  }

  async get(id: string): Promise<Host> {
    const row = await this.require(id);
    const jumps = (await this.repo.jumps()).get(id) ?? [];
    return this.toHost(row, jumps, await this.knownKeys.find(row.address, row.port));
  }

  async create(actor: Actor, body: CreateHostBody): Promise<Host> {
    const id = randomUUID();
    const sealed = await this.secretsFor(id, body.authMethod, body.credentialId, noSecrets, body);
    await this.checkChain(id, body.jumpHostIds);
    const now = this.clock.now().toISOString();
    const row: HostRow = {
      id,
      name: body.name,
      address: body.address,
      port: body.port,
      username: body.username,
      folder: body.folder,
      tags: JSON.stringify(body.tags),
      notes: body.notes,
      auth_method: body.authMethod,
      credential_id: body.credentialId,
      ...sealed,
      legacy_algorithms: body.legacyAlgorithms ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row, body.jumpHostIds);
    await this.audit.record(actor, {
      action: 'host.created',
      targetType: 'host',
      targetId: id,
      targetName: body.name,
      detail: {
        address: body.address,
        port: body.port,
        authMethod: body.authMethod,
        jumps: body.jumpHostIds.length,
      },
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, body: UpdateHostBody): Promise<Host> {
    const row = await this.require(id);
    const method = body.authMethod ?? row.auth_method;
    const credentialId = body.credentialId === undefined ? row.credential_id : body.credentialId;
    const current = openSecrets(this.box, `host:${id}`, row);
    const sealed = await this.secretsFor(id, method, credentialId, current, body);
    if (body.jumpHostIds) await this.checkChain(id, body.jumpHostIds);
    const changes = {
      name: body.name ?? row.name,
      address: body.address ?? row.address,
      port: body.port ?? row.port,
      username: body.username ?? row.username,
      folder: body.folder ?? row.folder,
      tags: body.tags ? JSON.stringify(body.tags) : row.tags,
      notes: body.notes ?? row.notes,
      auth_method: method,
      credential_id: credentialId,
      ...sealed,
      legacy_algorithms:
        body.legacyAlgorithms === undefined ? row.legacy_algorithms : body.legacyAlgorithms ? 1 : 0,
      updated_at: this.clock.now().toISOString(),
    };
    await this.repo.update(id, changes, body.jumpHostIds);
    const fields = Object.keys(body).filter(
      (k) => !['password', 'privateKey', 'passphrase', 'certificate'].includes(k),
    );
    const secrets = ['password', 'privateKey', 'passphrase', 'certificate'].filter(
      (k) => body[k as keyof UpdateHostBody] !== undefined,
    );
    await this.audit.record(actor, {
      action: 'host.updated',
      targetType: 'host',
      targetId: id,
      targetName: changes.name,
      detail: { fields, secretsChanged: secrets },
    });
    return this.get(id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const row = await this.require(id);
    const dockerHosts = await this.repo.usedByDockerHosts(id);
    if (dockerHosts.length) {
      throw new AppError(
        409,
        'host_in_use',
        `"${row.name}" runs Docker host ${dockerHosts.join(', ')}; remove that first.`,
      );
    }
    const users = await this.repo.usedAsJumpBy(id);
    if (users.length) {
      throw new AppError(
        409,
        'host_in_use',
        `"${row.name}" is a jump host for ${users.join(', ')}; change those hosts first.`,
      );
    }
    await this.repo.delete(id);
    await this.audit.record(actor, {
      action: 'host.deleted',
      targetType: 'host',
      targetId: id,
      targetName: row.name,
    });
  }

  /**
   * The full hop list to reach a host: each jump host's own chain first (as OpenSSH's ProxyJump
   * does), then the jump host, and the target last.
   */
  async connectionPlan(id: string): Promise<ConnectionHop[]> {
    const jumps = await this.repo.jumps();
    const order = this.expand(id, jumps, []);
    const hops: ConnectionHop[] = [];
    for (const hostId of order) {
      const row = await this.require(hostId);
      const secrets = row.credential_id
        ? (await this.credentials.open(row.credential_id)).secrets
        : openSecrets(this.box, `host:${row.id}`, row);
      hops.push({
        hostId: row.id,
        name: row.name,
        address: row.address,
        port: row.port,
        username: row.username,
        method: row.auth_method,
        secrets,
        legacyAlgorithms: row.legacy_algorithms === 1,
      });
    }
    return hops;
  }

  private expand(id: string, jumps: Map<string, string[]>, path: string[]): string[] {
    if (path.includes(id)) throw badChain('The jump chain loops back on itself.');
    const chain = (jumps.get(id) ?? []).flatMap((jump) => this.expand(jump, jumps, [...path, id]));
    const full = [...chain, id];
    if (full.length > MAX_CHAIN_LENGTH + 1)
      throw badChain(`A connection can pass through at most ${MAX_CHAIN_LENGTH} jump hosts.`);
    return full;
  }

  private async checkChain(id: string, jumpHostIds: string[]): Promise<void> {
    if (jumpHostIds.includes(id)) throw badChain('A host cannot be its own jump host.');
    if (new Set(jumpHostIds).size !== jumpHostIds.length)
      throw badChain('A jump host appears twice in the chain.');
    for (const jump of jumpHostIds) {
      if (!(await this.repo.findById(jump))) throw badChain(`Jump host ${jump} does not exist.`);
    }
    const jumps = await this.repo.jumps();
    jumps.set(id, jumpHostIds);
    this.expand(id, jumps, []);
  }

  private async secretsFor(
    id: string,
    method: AuthMethod,
    credentialId: string | null,
    current: OpenedSecrets,
    changes: Parameters<typeof applySecretChanges>[1],
  ) {
    if (credentialId) {
      if (method === 'keyboard-interactive') {
        throw new AppError(
          400,
          'invalid_secret',
          'Keyboard-interactive hosts answer prompts live and use no credential.',
        );
      }
      const kind = await this.credentials.kindOf(credentialId).catch(() => {
        throw new AppError(400, 'invalid_secret', 'The chosen credential does not exist.');
      });
      if (kind !== method)
        throw new AppError(
          400,
          'invalid_secret',
          `The chosen credential is a ${kind} credential, not ${method}.`,
        );
      return sealUsedSecrets(this.box, `host:${id}`, 'keyboard-interactive', noSecrets);
    }
    const opened = applySecretChanges(current, changes);
    requireSecretsFor(method, opened);
    return sealUsedSecrets(this.box, `host:${id}`, method, opened);
  }

  private toHost(
    row: HostRow,
    jumpHostIds: string[],
    key: { algorithm: string; fingerprint: string; accepted_at: string; accepted_by: string } | undefined,
  ): Host {
    return {
      id: row.id,
      name: row.name,
      address: row.address,
      port: row.port,
      username: row.username,
      folder: row.folder,
      tags: JSON.parse(row.tags) as string[],
      notes: row.notes,
      authMethod: row.auth_method,
      credentialId: row.credential_id,
      ...secretFlags(row),
      jumpHostIds,
      legacyAlgorithms: row.legacy_algorithms === 1,
      hostKey: key
        ? {
            algorithm: key.algorithm,
            fingerprint: key.fingerprint,
            acceptedAt: key.accepted_at,
            acceptedBy: key.accepted_by,
          }
        : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private async require(id: string): Promise<HostRow> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('Host');
    return row;
  }
}
