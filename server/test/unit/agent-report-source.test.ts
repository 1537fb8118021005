import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentReportContainer, AgentStatsSample } from '@archnest/contract';
import { cpuPercentBetween, memoryUsed, toStoredContainers } from '../../src/docker/agent-report-source';
import { SECRET_PARTS, SECRET_WORDS, VALUE_SECRET_RULES } from '../../src/docker/secret-env';

const stats = (cpu: number, system: number, cpus = 2): AgentStatsSample => ({
  cpuTotalNs: cpu,
  systemCpuNs: system,
  onlineCpus: cpus,
  memoryUsageBytes: 100,
  memoryInactiveFileBytes: 30,
  memoryLimitBytes: 1000,
});

describe('agent report figures', () => {
  it('computes CPU % between two reports like docker stats, and none without a usable first reading', () => {
    expect(cpuPercentBetween(stats(1e9, 100e9), stats(3e9, 110e9))).toBe(40);
    expect(cpuPercentBetween(null, stats(3e9, 110e9))).toBeNull();
    // A restarted container's counter went back: no figure rather than a negative one.
    expect(cpuPercentBetween(stats(5e9, 100e9), stats(1e9, 110e9))).toBeNull();
    expect(cpuPercentBetween(stats(1e9, 100e9), stats(1e9, 100e9))).toBeNull();
  });

  it('counts memory without the reclaimable page cache', () => {
    expect(memoryUsed(stats(0, 0))).toBe(70);
    expect(memoryUsed({ ...stats(0, 0), memoryInactiveFileBytes: 500 })).toBe(100);
  });

  it('masks by the server rule whatever the agent sent, and keeps what the agent masked marked', () => {
    const container = {
      id: 'a'.repeat(64),
      env: [
        { name: 'GITHUB_TOKEN', value: 'ghp_raw', masked: false },
        { name: 'REDIS_URL', value: 'redis://u:***@cache', masked: true },
        { name: 'LANG', value: 'C.UTF-8', masked: false },
      ],
      stats: stats(2e9, 50e9),
    } as AgentReportContainer;
    const [stored] = toStoredContainers(
      [container],
      [{ ...container, env: [], cpuPercent: null, memoryBytes: null, stats: stats(1e9, 40e9) }],
    );
    expect(stored!.env).toEqual([
      { name: 'GITHUB_TOKEN', value: '***', masked: true },
      { name: 'REDIS_URL', value: 'redis://u:***@cache', masked: true },
      { name: 'LANG', value: 'C.UTF-8', masked: false },
    ]);
    expect(stored!.cpuPercent).toBe(20);
  });

  it('keeps the agent’s masking list the same as the server’s', () => {
    const script = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../agent/archnest-docker-agent.sh'),
      'utf8',
    );
    const list = (name: string) =>
      /readonly [A-Z_]+='([^']+)'/.exec(script.split('\n').find((l) => l.includes(name))!)![1]!.split('|');
    expect(list('SECRET_PARTS=')).toEqual(SECRET_PARTS);
    expect(list('SECRET_WORDS=')).toEqual(SECRET_WORDS);
    const rules = /readonly VALUE_SECRET_RULES='([^']+)'/.exec(script)![1]!;
    expect(JSON.parse(rules)).toEqual(VALUE_SECRET_RULES);
  });
});
