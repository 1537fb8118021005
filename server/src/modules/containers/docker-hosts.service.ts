import { randomUUID } from 'node:crypto';
import type { CreateDockerHostBody, DockerHost, UpdateDockerHostBody } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import type { Viewer } from '../hosts/host-access';
import type { HostsService } from '../hosts/hosts.service';
import type { DockerHostRow, DockerHostsRepo } from './docker-hosts.repo';

function toDockerHost(row: DockerHostRow): DockerHost {
  return {
    id: row.id,
    name: row.name,
    kind: isPullAgent(row) ? 'pull-agent' : row.kind,
    endpoint: row.endpoint,
    sshHostId: row.ssh_host_id,
    cli: row.cli,
    remoteDockerHost: row.remote_docker_host,
    hasCa: row.ca !== null,
    hasClientCert: row.client_cert !== null,
    hasClientKey: row.client_key_sealed !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A pull agent is stored as an Engine API row whose endpoint says `pull-agent://` (see docs/pull-agent.md). */
export const PULL_AGENT_SCHEME = 'pull-agent://';
export const isPullAgent = (row: DockerHostRow) => row.endpoint?.startsWith(PULL_AGENT_SCHEME) === true;

export interface NewPullAgent {
  name: string;
  address: string;
  agentCertPem: string;
  agentFingerprint: string;
  clientCertPem: string;
  clientKeyPem: string;
}

const invalid = (message: string) => new AppError(400, 'invalid_request', message);

/** Docker host records: Engine API endpoints (with optional TLS) and SSH hosts running the CLI. */
export class DockerHostsService {
  private readonly listeners: ((id: string) => void)[] = [];

  constructor(
    private readonly repo: DockerHostsRepo,
    private readonly hosts: HostsService,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Called with a host id whenever that host changes or goes, so cached connections are dropped. */
  onChange(listener: (id: string) => void): void {
    this.listeners.push(listener);
  }

  async list(): Promise<DockerHost[]> {
    return (await this.repo.list()).map(toDockerHost);
  }

  /** Docker hosts the user may see: one over SSH only when the user may use that SSH host. */
  async listFor(viewer: Viewer): Promise<DockerHost[]> {
    const rows = await this.repo.list();
    const visible = await Promise.all(rows.map((row) => this.visibleTo(viewer, row)));
    return rows.filter((_, i) => visible[i]).map(toDockerHost);
  }

  /** The same 404 for a Docker host that does not exist and one over an SSH host the user may not use. */
  async requireFor(viewer: Viewer, id: string): Promise<DockerHostRow> {
    const row = await this.get(id);
    if (!(await this.visibleTo(viewer, row))) throw notFound('Docker host');
    return row;
  }

  private async visibleTo(viewer: Viewer, row: DockerHostRow): Promise<boolean> {
    if (viewer.role === 'admin' || row.kind !== 'ssh' || !row.ssh_host_id) return true;
    return this.hosts.requireFor(viewer, row.ssh_host_id).then(
      () => true,
      () => false,
    );
  }

  async get(id: string): Promise<DockerHostRow> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('Docker host');
    return row;
  }

  openClientKey(row: DockerHostRow): string | null {
    return row.client_key_sealed
      ? this.box.open(row.client_key_sealed, `docker_host:${row.id}:client_key`)
      : null;
  }

  async create(actor: Actor, body: CreateDockerHostBody): Promise<DockerHost> {
    const id = randomUUID();
    const now = this.clock.now().toISOString();
    let row: DockerHostRow;
    if (body.kind === 'engine-api') {
      this.checkTls(body.endpoint, body.ca ?? null, body.clientCert ?? null, body.clientKey ?? null);
      row = {
        id,
        name: body.name,
        kind: 'engine-api',
        endpoint: body.endpoint,
        ssh_host_id: null,
        cli: null,
        remote_docker_host: null,
        ca: body.ca ?? null,
        client_cert: body.clientCert ?? null,
        client_key_sealed: body.clientKey
          ? this.box.seal(body.clientKey, `docker_host:${id}:client_key`)
          : null,
        created_at: now,
        updated_at: now,
      };
    } else {
      await this.requireSshHost(body.sshHostId);
      row = {
        id,
        name: body.name,
        kind: 'ssh',
        endpoint: null,
        ssh_host_id: body.sshHostId,
        cli: body.cli,
        remote_docker_host: body.remoteDockerHost,
        ca: null,
        client_cert: null,
        client_key_sealed: null,
        created_at: now,
        updated_at: now,
      };
    }
    await this.repo.insert(row);
    await this.audit.record(actor, {
      action: 'docker_host.created',
      targetType: 'docker_host',
      targetId: id,
      targetName: row.name,
      detail: { kind: row.kind, endpoint: row.endpoint, sshHostId: row.ssh_host_id },
    });
    return toDockerHost(row);
  }

  /** An enrolled pull agent: its pinned certificate in `ca`, ArchNest's client certificate and sealed key. */
  async addPullAgent(actor: Actor, agent: NewPullAgent): Promise<DockerHost> {
    const id = randomUUID();
    const now = this.clock.now().toISOString();
    const row: DockerHostRow = {
      id,
      name: agent.name,
      kind: 'engine-api',
      endpoint: `${PULL_AGENT_SCHEME}${agent.address}`,
      ssh_host_id: null,
      cli: null,
      remote_docker_host: null,
      ca: agent.agentCertPem,
      client_cert: agent.clientCertPem,
      client_key_sealed: this.box.seal(agent.clientKeyPem, `docker_host:${id}:client_key`),
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row);
    await this.audit.record(actor, {
      action: 'docker_host.created',
      targetType: 'docker_host',
      targetId: id,
      targetName: row.name,
      detail: { kind: 'pull-agent', endpoint: row.endpoint, agentFingerprint: agent.agentFingerprint },
    });
    return toDockerHost(row);
  }

  async update(actor: Actor, id: string, body: UpdateDockerHostBody): Promise<DockerHost> {
    const row = await this.get(id);
    if (isPullAgent(row) && Object.keys(body).some((key) => key !== 'name'))
      throw invalid(
        'A pull agent keeps the address and certificates it was enrolled with; enrol it again to change them.',
      );
    const next: DockerHostRow = {
      ...row,
      name: body.name ?? row.name,
      updated_at: this.clock.now().toISOString(),
    };
    if (row.kind === 'engine-api') {
      if (body.sshHostId !== undefined || body.cli !== undefined || body.remoteDockerHost !== undefined) {
        throw invalid('An Engine API host has no SSH settings; change its endpoint or certificates.');
      }
      const key = body.clientKey === undefined ? this.openClientKey(row) : body.clientKey;
      next.endpoint = body.endpoint ?? row.endpoint;
      next.ca = body.ca === undefined ? row.ca : body.ca;
      next.client_cert = body.clientCert === undefined ? row.client_cert : body.clientCert;
      this.checkTls(next.endpoint ?? '', next.ca, next.client_cert, key);
      next.client_key_sealed = key ? this.box.seal(key, `docker_host:${id}:client_key`) : null;
    } else {
      if (
        body.endpoint !== undefined ||
        body.ca !== undefined ||
        body.clientCert !== undefined ||
        body.clientKey !== undefined
      ) {
        throw invalid('An SSH Docker host has no endpoint or certificates; it uses its SSH host record.');
      }
      if (body.sshHostId) await this.requireSshHost(body.sshHostId);
      next.ssh_host_id = body.sshHostId ?? row.ssh_host_id;
      next.cli = body.cli ?? row.cli;
      next.remote_docker_host =
        body.remoteDockerHost === undefined ? row.remote_docker_host : body.remoteDockerHost;
    }
    const { id: _id, created_at: _created, ...changes } = next;
    await this.repo.update(id, changes);
    this.changed(id);
    await this.audit.record(actor, {
      action: 'docker_host.updated',
      targetType: 'docker_host',
      targetId: id,
      targetName: next.name,
      detail: {
        fields: Object.keys(body).filter((k) => k !== 'clientKey'),
        clientKeyChanged: body.clientKey !== undefined,
      },
    });
    return toDockerHost(next);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const row = await this.get(id);
    await this.repo.delete(id);
    this.changed(id);
    await this.audit.record(actor, {
      action: 'docker_host.deleted',
      targetType: 'docker_host',
      targetId: id,
      targetName: row.name,
    });
  }

  private changed(id: string): void {
    for (const listener of this.listeners) listener(id);
  }

  private async requireSshHost(hostId: string): Promise<void> {
    const host = await this.hosts.get(hostId).catch(() => {
      throw invalid('The chosen SSH host does not exist.');
    });
    // Docker over SSH runs unattended with the host's stored credential; a per-user host has none.
    if (host.authMethod === 'per-user')
      throw invalid(
        'The chosen SSH host signs each user in as themselves; Docker over SSH needs a stored credential.',
      );
  }

  private checkTls(endpoint: string, ca: string | null, cert: string | null, key: string | null): void {
    const tls = ca !== null || cert !== null || key !== null;
    if (tls && !endpoint.startsWith('tcp://')) throw invalid('TLS settings apply only to a tcp:// endpoint.');
    if ((cert === null) !== (key === null))
      throw invalid('A TLS client certificate needs both the certificate and its key.');
    if (cert !== null && ca === null)
      throw invalid('Give the CA that signed the Docker host’s certificate, so it can be verified.');
  }
}
