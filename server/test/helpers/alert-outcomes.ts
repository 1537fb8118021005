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
