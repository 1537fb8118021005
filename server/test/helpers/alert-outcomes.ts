import type { ContainerObservation } from '../../src/docker/container-observation';
import type { PollOutcome } from '../../src/modules/infrastructure/resource-source';

export function container(overrides: Partial<ContainerObservation> & { name: string }): ContainerObservation {
  return {
    id: `${overrides.name.replace(/[^a-f0-9]/g, '').padEnd(12, 'a')}${'0'.repeat(52)}`.slice(0, 64),
    state: 'running',
    exitCode: null,
    health: null,
    restartCount: null,
    uptimeSeconds: 3600,
    cpuPercent: null,
    memoryBytes: null,
    memoryLimitBytes: null,
    labels: {},
    ...overrides,
  };
}

/** One Docker host's poll, as the infrastructure poller reports it. */
export function dockerPoll(
  at: Date,
  containers: ContainerObservation[],
  sourceId = 'docker:h1',
  name = 'nas',
): PollOutcome {
  return {
    sourceId,
    kind: 'docker',
    name,
    at,
    error: null,
    snapshot: {
      groups: [{ key: null, title: name, subtitle: null, members: [] }],
      observations: { containers },
    },
  };
}

/** The SSH hosts source's poll as the reachability checks leave it: one member per host. */
export function sshPoll(
  at: Date,
  hosts: { id: string; name: string; state: 'up' | 'down' | 'not checked'; error?: string }[],
): PollOutcome {
  return {
    sourceId: 'ssh',
    kind: 'ssh',
    name: 'SSH hosts',
    at,
    error: null,
    snapshot: {
      groups: [
        {
          key: null,
          title: 'SSH hosts',
          subtitle: null,
          members: hosts.map((h) => ({
            id: h.id,
            name: h.name,
            type: 'host' as const,
            status: h.state,
            health:
              h.state === 'up'
                ? ('ok' as const)
                : h.state === 'down'
                  ? ('error' as const)
                  : ('unknown' as const),
            cpu: null,
            memoryUsedBytes: null,
            memoryTotalBytes: null,
            diskUsedBytes: null,
            diskTotalBytes: null,
            uptimeSeconds: null,
            tags: [],
            details: h.error ? [{ label: 'Unreachable', value: h.error }] : [],
          })),
        },
      ],
    },
  };
}
