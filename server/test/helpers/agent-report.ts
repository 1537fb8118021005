import type { AgentReport, AgentReportContainer } from '@archnest/contract';

/** A synthetic report as the agent would send it: `count` containers, cumulative counters at `tick`. */
export function syntheticReport(
  hostLabel: string,
  count: number,
  tick = 1,
  overrides: Partial<AgentReport> = {},
): AgentReport {
  const containers: AgentReportContainer[] = Array.from({ length: count }, (_, i) => ({
    id: (i + 1).toString(16).padStart(12, '0').repeat(2) + 'a'.repeat(40),
    name: `svc-${i}`,
    image: 'registry.example/app:1.2.3',
    command: 'node server.js',
    state: i % 10 === 9 ? 'exited' : 'running',
    status: i % 10 === 9 ? 'Exited (0) 2 minutes ago' : 'Up 3 hours',
    health: i % 3 === 0 ? 'healthy' : null,
    restartCount: i % 4,
    createdAt: '2026-01-01T00:00:00Z',
    startedAt: '2026-01-01T00:00:01Z',
    ports: [{ containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 10000 + i }],
    networks: ['bridge'],
    mounts: [{ type: 'volume', name: `data-${i}`, destination: '/data', readOnly: false }],
    labels: { 'com.docker.compose.project': 'stack', tier: i % 2 ? 'web' : 'db' },
    env: [
      { name: 'NODE_ENV', value: 'production', masked: false },
      { name: 'DB_PASSWORD', value: '***', masked: true },
      { name: 'PATH', value: '/usr/local/bin:/usr/bin:/bin', masked: false },
    ],
    stats:
      i % 10 === 9
        ? null
        : {
            cpuTotalNs: tick * 1e9 * (i + 1),
            systemCpuNs: tick * 100e9,
            onlineCpus: 4,
            memoryUsageBytes: 64e6 + i * 1e6,
            memoryInactiveFileBytes: 4e6,
            memoryLimitBytes: 8e9,
            pids: 5,
            networkRxBytes: tick * 1000,
            networkTxBytes: tick * 500,
            blockReadBytes: 0,
            blockWriteBytes: 4096,
          },
  }));
  return {
    agentVersion: '1.0.0',
    hostLabel,
    intervalSeconds: 30,
    collectedAt: '2026-01-01T00:00:00Z',
    host: {
      hostname: hostLabel,
      dockerVersion: '26.1.5',
      os: 'Debian GNU/Linux 12 (bookworm)',
      kernel: '6.1.0',
      cpus: 4,
      memoryBytes: 16e9,
    },
    containers,
    ...overrides,
  };
}
