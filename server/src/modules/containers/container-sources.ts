import { EngineApiSource, PullAgentSource, SshDockerSource, type ContainerSource } from '../../docker';
import { certFingerprint } from '../../crypto/self-signed-cert';
import { splitAddress } from '../pull-agents/pull-agent-address';
import type { HostKeyService } from '../hosts/host-key.service';
import type { HostsService } from '../hosts/hosts.service';
import { hostConnector } from '../hosts/host-connector';
import type { DockerHostRow } from './docker-hosts.repo';
import { isPullAgent, PULL_AGENT_SCHEME, type DockerHostsService } from './docker-hosts.service';

export interface SourceTimeouts {
  /** Per call to a Docker host (list, inspect, stats…). */
  callMs: number;
  /** Per SSH hop while connecting. */
  connectMs: number;
}

/**
 * One ContainerSource per Docker host, kept while the host record is unchanged so SSH hosts reuse
 * their connection. Docker over SSH verifies host keys with the stored keys only: nobody is there to
 * accept a new one, so an unknown key fails until it is trusted (Settings > Hosts > Test connection).
 */
export class ContainerSources {
  private readonly cache = new Map<string, ContainerSource>();

  constructor(
    private readonly dockerHosts: DockerHostsService,
    private readonly hosts: HostsService,
    private readonly hostKeys: HostKeyService,
    private readonly timeouts: SourceTimeouts,
  ) {
    dockerHosts.onChange((id) => this.drop(id));
  }

  async forHost(id: string): Promise<{ row: DockerHostRow; source: ContainerSource }> {
    const row = await this.dockerHosts.get(id);
    let source = this.cache.get(id);
    if (!source) {
      source = this.create(row);
      this.cache.set(id, source);
    }
    return { row, source };
  }

  drop(id: string): void {
    this.cache.get(id)?.close();
    this.cache.delete(id);
  }

  closeAll(): void {
    for (const id of [...this.cache.keys()]) this.drop(id);
  }

  private create(row: DockerHostRow): ContainerSource {
    if (isPullAgent(row)) {
      const { host, port } = splitAddress((row.endpoint ?? '').slice(PULL_AGENT_SCHEME.length));
      return new PullAgentSource({
        label: row.name,
        host,
        port,
        clientCert: row.client_cert ?? '',
        clientKey: this.dockerHosts.openClientKey(row) ?? '',
        agentFingerprint: certFingerprint(row.ca ?? ''),
        timeoutMs: this.timeouts.callMs,
      });
    }
    if (row.kind === 'engine-api') {
      const endpoint = row.endpoint ?? '';
      if (endpoint.startsWith('unix://')) {
        return new EngineApiSource({
          label: row.name,
          endpoint: { socketPath: endpoint.slice('unix://'.length) },
          timeoutMs: this.timeouts.callMs,
        });
      }
      const url = new URL(endpoint.replace(/^tcp:/, 'http:'));
      const key = this.dockerHosts.openClientKey(row);
      const tls = row.ca
        ? { ca: row.ca, ...(row.client_cert && key ? { cert: row.client_cert, key } : {}) }
        : undefined;
      return new EngineApiSource({
        label: row.name,
        endpoint: { host: url.hostname, port: Number(url.port), ...(tls ? { tls } : {}) },
        timeoutMs: this.timeouts.callMs,
      });
    }
    const sshHostId = row.ssh_host_id ?? '';
    return new SshDockerSource({
      label: row.name,
      binary: row.cli ?? 'docker',
      ...(row.remote_docker_host ? { dockerHost: row.remote_docker_host } : {}),
      timeoutMs: this.timeouts.callMs,
      connect: hostConnector(this.hosts, this.hostKeys, sshHostId, {
        readyTimeoutMs: this.timeouts.connectMs,
      }),
    });
  }
}
