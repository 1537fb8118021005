import { randomUUID } from 'node:crypto';
import type { AuthMethod, CreateHostBody, Host, HostAccessMode, UpdateHostBody } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError } from '../../http/app-error';
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
import type { HostAccessRepo } from './host-access.repo';
import { retryOnConflict } from '../../db/retry-on-conflict';
import { hostNotFound, isForeignKeyViolation, type PersonalLogin, type Viewer } from './host-access';
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
  /** Never `per-user`: the plan carries the user's own login in its place. */
  method: Exclude<AuthMethod, 'per-user'>;
  secrets: OpenedSecrets;
  legacyAlgorithms: boolean;
}

const badChain = (message: string) => new AppError(400, 'invalid_jump_chain', message);
/** A chosen user (or jump host) was deleted between the check and the write. */
const grantRace = (error: unknown): never => {
  if (isForeignKeyViolation(error))
    throw new AppError(
      400,
      'invalid_request',
      'A chosen user or jump host no longer exists; reload and try again.',
    );
  throw error;
};
const credentialsRequired = (name: string) =>
  new AppError(
    409,
    'credentials_required',
    `"${name}" needs your own login: save it or type it when connecting.`,
  );

export class HostsService {
  constructor(
    private readonly repo: HostsRepo,
    private readonly knownKeys: KnownHostKeysRepo,
    private readonly credentials: CredentialsService,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: HostAccessRepo,
  ) {}

  private readonly accessListeners: ((hostId: string) => void)[] = [];
  private readonly changeListeners: (() => Promise<void>)[] = [];

  /** Called after a host is added, edited or removed; the change's answer waits for the listeners. */
  onChange(listener: () => Promise<void>): void {
    this.changeListeners.push(listener);
  }

  /** Called with a host id after its access, auth method or existence changed. */
  onAccessChange(listener: (hostId: string) => void): void {
    this.accessListeners.push(listener);
  }

  /** Every host, unfiltered: for the server's own use (an admin's view). */
  list(): Promise<Host[]> {
    return this.listFor({ id: '', role: 'admin' });
  }

  /** The hosts a user may use; grants are shown to admins only. */
  async listFor(viewer: Viewer): Promise<Host[]> {
    const [rows, jumps, keys, grants, mine] = await Promise.all([
      this.repo.list(),
      this.repo.jumps(),
      this.knownKeys.list(),
      this.access.grants(),
      viewer.role === 'admin' ? Promise.resolve(null) : this.access.grantedTo(viewer.id),
    ]);
    const keyOf = new Map(keys.map((k) => [`${k.address}:${k.port}`, k]));
    return rows
      .filter((row) => row.access === 'everyone' || mine === null || mine.has(row.id))
      .map((row) =>
        this.toHost(
          row,
          jumps.get(row.id) ?? [],
          keyOf.get(`${endpointKey(row.address)}:${row.port}`),
          viewer.role === 'admin' ? (grants.get(row.id) ?? []) : [],
        ),
      );
  }

  /** `address:port` of every hop the user may pass through: their hosts and those hosts' jump chains. */
  async endpointsFor(viewer: Viewer): Promise<Set<string>> {
    const [visible, all, jumps] = await Promise.all([
      this.listFor(viewer),
      this.repo.list(),
      this.repo.jumps(),
    ]);
    const byId = new Map(all.map((r) => [r.id, r]));
    const out = new Set<string>();
    for (const host of visible) {
      let order: string[];
      try {
        order = this.expand(host.id, jumps, []);
      } catch {
        order = [host.id];
      }
      for (const id of order) {
        const row = byId.get(id);
        if (row) out.add(`${endpointKey(row.address)}:${row.port}`);
      }
    }
    return out;
  }

  /** One host, unchecked: for the server's own use. */
  get(id: string): Promise<Host> {
    return this.getFor({ id: '', role: 'admin' }, id);
  }

  /** One host if the user may use it; otherwise the same 404 as a host that does not exist. */
  async getFor(viewer: Viewer, id: string): Promise<Host> {
    const row = await this.requireFor(viewer, id);
    const jumps = (await this.repo.jumps()).get(id) ?? [];
    const grants = viewer.role === 'admin' ? await this.access.grantsOf(id) : [];
    return this.toHost(row, jumps, await this.knownKeys.find(row.address, row.port), grants);
  }

  /** The host row if the user may use it: admins always, members on `everyone` hosts or when granted. */
  async requireFor(viewer: Viewer, id: string): Promise<HostRow> {
    const row = await this.require(id);
    if (!(await this.mayUse(viewer, row))) throw hostNotFound();
    return row;
  }

  /** Whether a user (by id) may still use a host; false when either is gone. */
  async userMayUse(userId: string, hostId: string): Promise<boolean> {
    const [role, row] = await Promise.all([this.access.roleOf(userId), this.repo.findById(hostId)]);
    return role !== null && row !== undefined && (await this.mayUse({ id: userId, role }, row));
  }

  async mayUse(viewer: Viewer, row: HostRow): Promise<boolean> {
    if (viewer.role === 'admin' || row.access === 'everyone') return true;
    return this.access.isGranted(row.id, viewer.id);
  }

  async create(actor: Actor, body: CreateHostBody): Promise<Host> {
    const id = randomUUID();
    const sealed = await this.secretsFor(id, body.authMethod, body.credentialId, noSecrets, body);
    await this.checkChain(id, body.jumpHostIds);
    const grants = await this.checkGrants(body.access, body.allowedUserIds);
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
      access: body.access,
      created_at: now,
      updated_at: now,
    };
    await retryOnConflict(() => this.repo.insert(row, body.jumpHostIds, grants)).catch(grantRace);
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
        access: body.access,
        granted: grants.length,
      },
    });
    await this.changed();
    return this.get(id);
  }

  async update(actor: Actor, id: string, body: UpdateHostBody): Promise<Host> {
    const row = await this.require(id);
    const method = body.authMethod ?? row.auth_method;
    const credentialId = body.credentialId === undefined ? row.credential_id : body.credentialId;
    const current = openSecrets(this.box, `host:${id}`, row);
    const sealed = await this.secretsFor(id, method, credentialId, current, body);
    if (body.jumpHostIds) await this.checkChain(id, body.jumpHostIds);
    if (method === 'per-user' && row.auth_method !== 'per-user') await this.checkCanBePerUser(row);
    const accessMode = body.access ?? row.access;
    const grants =
      body.access !== undefined || body.allowedUserIds !== undefined
        ? await this.checkGrants(accessMode, body.allowedUserIds ?? (await this.access.grantsOf(id)))
        : undefined;
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
      access: accessMode,
      updated_at: this.clock.now().toISOString(),
    };
    await retryOnConflict(() =>
      this.repo.update(id, changes, body.jumpHostIds, {
        ...(grants ? { grants } : {}),
        dropPersonalLogins: row.auth_method === 'per-user' && method !== 'per-user',
      }),
    ).catch(grantRace);
    if (grants || method !== row.auth_method) this.accessChanged(id);
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
    await this.changed();
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
    await this.changed();
  }

  /**
   * The full hop list to reach a host: each jump host's own chain first (as OpenSSH's ProxyJump
   * does), then the jump host, and the target last. A per-user target signs in with `personal`
   * (the user's own login); without one it fails with `credentials_required`.
   */
  async connectionPlan(id: string, personal?: PersonalLogin): Promise<ConnectionHop[]> {
    const jumps = await this.repo.jumps();
    const order = this.expand(id, jumps, []);
    const hops: ConnectionHop[] = [];
    for (const hostId of order) {
      const row = await this.require(hostId);
      if (row.auth_method === 'per-user') {
        if (hostId !== id) throw badChain(`Jump host "${row.name}" has no stored credential.`);
        if (!personal) throw credentialsRequired(row.name);
        hops.push({
          hostId: row.id,
          name: row.name,
          address: row.address,
          port: row.port,
          username: personal.username,
          method: personal.method,
          secrets: personal.secrets,
          legacyAlgorithms: row.legacy_algorithms === 1,
        });
        continue;
      }
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
      const row = await this.repo.findById(jump);
      if (!row) throw badChain(`Jump host ${jump} does not exist.`);
      // A hop signs in with the credential the admin stored; a per-user host has none.
      if (row.auth_method === 'per-user')
        throw badChain(`"${row.name}" signs each user in as themselves, so it cannot be a jump host.`);
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
      if (method === 'keyboard-interactive' || method === 'per-user') {
        throw new AppError(
          400,
          'invalid_secret',
          method === 'per-user'
            ? 'A host where each user signs in as themselves stores no credential.'
            : 'Keyboard-interactive hosts answer prompts live and use no credential.',
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
    if (method === 'per-user')
      return sealUsedSecrets(this.box, `host:${id}`, 'keyboard-interactive', noSecrets);
    const opened = applySecretChanges(current, changes);
    requireSecretsFor(method, opened);
    return sealUsedSecrets(this.box, `host:${id}`, method, opened);
  }

  private toHost(
    row: HostRow,
    jumpHostIds: string[],
    key: { algorithm: string; fingerprint: string; accepted_at: string; accepted_by: string } | undefined,
    allowedUserIds: string[],
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
      access: row.access,
      allowedUserIds,
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
    if (!row) throw hostNotFound();
    return row;
  }

  /** Grants kept for a `chosen` host (an `everyone` host keeps none); every id must be a user. */
  private async checkGrants(mode: HostAccessMode, userIds: string[]): Promise<string[]> {
    if (mode === 'everyone') return [];
    const unique = [...new Set(userIds)];
    const existing = await this.access.existingUsers(unique);
    const missing = unique.filter((u) => !existing.has(u));
    if (missing.length) {
      throw new AppError(400, 'invalid_request', `No user has the id ${missing.join(', ')}.`, {}, [
        { path: ['allowedUserIds'], message: 'Choose existing users.' },
      ]);
    }
    return unique;
  }

  /** Docker over SSH and jump chains sign in with a stored credential, which a per-user host lacks. */
  private async checkCanBePerUser(row: HostRow): Promise<void> {
    const dockerHosts = await this.repo.usedByDockerHosts(row.id);
    const jumpers = await this.repo.usedAsJumpBy(row.id);
    if (dockerHosts.length || jumpers.length) {
      throw new AppError(
        409,
        'host_in_use',
        `"${row.name}" is used by ${[...dockerHosts, ...jumpers].join(', ')} with its stored credential; it cannot sign each user in as themselves.`,
      );
    }
  }

  private async changed(): Promise<void> {
    await Promise.all(this.changeListeners.map((listener) => listener()));
  }

  private accessChanged(id: string): void {
    for (const listener of this.accessListeners) listener(id);
  }
}
