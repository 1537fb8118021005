import type { InfraResource } from '@archnest/contract';
import type { HostsService } from '../../hosts/hosts.service';
import type { PolledSource, ResourceSourceProvider } from '../resource-source';

const POLL_SECONDS = 60;

/**
 * The SSH host records as one tile. Health stays unknown: probing every host on every poll would open
 * an SSH connection per host per minute, which no one asked for. The summary counts hosts. Adding,
 * editing or removing a host re-syncs at once (`onChange`); the poll only reads the database.
 */
export class SshHostsProvider implements ResourceSourceProvider {
  /** Bumped on every add, edit or removal, so the next sync replaces the source and polls at once. */
  private version = 0;

  constructor(private readonly hosts: HostsService) {}

  onChange(listener: () => Promise<void>): void {
    this.hosts.onChange(() => {
      this.version += 1;
      return listener();
    });
  }

  async sources(): Promise<PolledSource[]> {
    const any = (await this.hosts.list()).length > 0;
    if (!any) return [];
    return [
      {
        id: 'ssh',
        kind: 'ssh',
        name: 'SSH hosts',
        pollIntervalSeconds: POLL_SECONDS,
        reportedIntervalSeconds: POLL_SECONDS,
        timeoutMs: 5000,
        refreshable: true,
        revision: `ssh:${this.version}`,
        local: true,
        poll: async () => {
          const hosts = await this.hosts.list();
          const members: InfraResource[] = hosts.map((h) => ({
            id: h.id,
            name: h.name,
            type: 'host',
            status: h.hostKey ? 'key trusted' : 'key not yet trusted',
            health: 'unknown',
            cpu: null,
            memoryUsedBytes: null,
            memoryTotalBytes: null,
            diskUsedBytes: null,
            diskTotalBytes: null,
            uptimeSeconds: null,
            tags: h.tags,
            details: [
              { label: 'Address', value: `${h.username}@${h.address}:${h.port}` },
              ...(h.folder ? [{ label: 'Folder', value: h.folder }] : []),
              { label: 'Auth', value: h.authMethod },
            ],
          }));
          const n = members.length;
          return {
            groups: [
              {
                key: null,
                title: 'SSH hosts',
                subtitle: null,
                summary: `${n} host${n === 1 ? '' : 's'}`,
                members,
              },
            ],
          };
        },
      },
    ];
  }
}
