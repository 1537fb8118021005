import { describe, expect, it } from 'vitest';
import { cliStats, engineStats, hasPreviousCpu, parseHumanSize } from '../../src/docker/stats';

const sample = {
  id: 'abc',
  name: '/web',
  read: '2024-05-01T10:00:01.000Z',
  cpu_stats: {
    cpu_usage: { total_usage: 1_500_000_000, percpu_usage: [1, 2, 3, 4] },
    system_cpu_usage: 104_000_000_000,
    online_cpus: 2,
  },
  precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 102_000_000_000 },
  memory_stats: { usage: 50_000_000, limit: 200_000_000, stats: { total_inactive_file: 10_000_000 } },
  networks: { eth0: { rx_bytes: 100, tx_bytes: 50 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
  blkio_stats: {
    io_service_bytes_recursive: [
      { major: 8, minor: 0, op: 'Read', value: 4096 },
      { major: 8, minor: 0, op: 'Write', value: 8192 },
      { major: 8, minor: 16, op: 'read', value: 4 },
      { major: 8, minor: 0, op: 'Total', value: 12288 },
    ],
  },
  pids_stats: { current: 3 },
};

describe('Engine API stats', () => {
  it('computes CPU % like docker stats: container delta / host delta × CPUs', () => {
    // 0.5 s of container CPU over 2 s of host CPU time, on 2 CPUs = 50 %.
    const stats = engineStats('abc', sample);
    expect(stats).toEqual({
      id: 'abc',
      name: 'web',
      readAt: '2024-05-01T10:00:01.000Z',
      cpuPercent: 50,
      memoryBytes: 40_000_000,
      memoryLimitBytes: 200_000_000,
      memoryPercent: 20,
      networkRxBytes: 101,
      networkTxBytes: 52,
      blockReadBytes: 4100,
      blockWriteBytes: 8192,
      pids: 3,
    });
  });

  it('uses percpu_usage length when online_cpus is missing, and cgroup v2 inactive_file', () => {
    const v2 = {
      ...sample,
      cpu_stats: { ...sample.cpu_stats, online_cpus: undefined },
      memory_stats: { usage: 30, limit: 100, stats: { inactive_file: 10 } },
    };
    const stats = engineStats('abc', v2);
    expect(stats.cpuPercent).toBe(100);
    expect(stats.memoryBytes).toBe(20);
  });

  it('leaves CPU % out when a one-shot sample has no previous reading, and uses an earlier one if given', () => {
    const oneShot = { ...sample, precpu_stats: { cpu_usage: { total_usage: 0 } } };
    expect(hasPreviousCpu(sample)).toBe(true);
    expect(hasPreviousCpu(oneShot)).toBe(false);
    expect(engineStats('abc', oneShot).cpuPercent).toBeUndefined();
    expect(engineStats('abc', oneShot, sample.precpu_stats).cpuPercent).toBe(50);
  });

  it('reports 0 % for an idle container and no network when it has none', () => {
    const idle = { ...sample, cpu_stats: { ...sample.cpu_stats, cpu_usage: { total_usage: 1_000_000_000 } } };
    const stats = engineStats('abc', { ...idle, networks: undefined });
    expect(stats.cpuPercent).toBe(0);
    expect(stats.networkRxBytes).toBe(0);
  });

  it('never crashes on an empty or odd answer', () => {
    const stats = engineStats('abc', {});
    expect(stats.id).toBe('abc');
    expect(stats.cpuPercent).toBeUndefined();
    expect(stats.memoryBytes).toBeUndefined();
    expect(() => engineStats('abc', null)).not.toThrow();
  });
});

describe('CLI stats', () => {
  it('parses human sizes, binary and decimal', () => {
    expect(parseHumanSize('0B')).toBe(0);
    expect(parseHumanSize('764KiB')).toBe(782_336);
    expect(parseHumanSize('1.5MiB')).toBe(1_572_864);
    expect(parseHumanSize('23.54GiB')).toBe(Math.round(23.54 * 1024 ** 3));
    expect(parseHumanSize('1.98MB')).toBe(1_980_000);
    expect(parseHumanSize('12.3kB')).toBe(12_300);
    expect(parseHumanSize(' 7 B ')).toBe(7);
    for (const bad of ['N/A', '', '--', '5 parsecs', undefined]) expect(parseHumanSize(bad)).toBeUndefined();
  });

  it('reads one `docker stats --format {{json .}}` line', () => {
    const line = {
      BlockIO: '4.1kB / 8.19kB',
      CPUPerc: '101.37%',
      Container: 'web',
      ID: 'abc',
      MemPerc: '0.01%',
      MemUsage: '764KiB / 23.54GiB',
      Name: 'web',
      NetIO: '0B / 0B',
      PIDs: '2',
    };
    expect(cliStats(line, '2024-05-01T10:00:00.000Z')).toEqual({
      id: 'abc',
      name: 'web',
      readAt: '2024-05-01T10:00:00.000Z',
      cpuPercent: 101.37,
      memoryBytes: 782_336,
      memoryLimitBytes: Math.round(23.54 * 1024 ** 3),
      memoryPercent: 0.01,
      networkRxBytes: 0,
      networkTxBytes: 0,
      blockReadBytes: 4100,
      blockWriteBytes: 8190,
      pids: 2,
    });
  });

  it('leaves out what the CLI could not say', () => {
    const stats = cliStats({ ID: 'abc', CPUPerc: '--', MemUsage: '-- / --', PIDs: '--' }, 'now');
    expect(stats).toEqual({ id: 'abc', readAt: 'now' });
  });
});
