import { describe, expect, it } from 'vitest';
import type { AlertCondition } from '@archnest/contract';
import { evaluate, type EvalContext } from '../../src/modules/alerts/alert-conditions';
import { inScope, optedOut } from '../../src/modules/alerts/alert-scope';
import { subjectsOf, type AlertSubject } from '../../src/modules/alerts/alert-subject';
import { RestartTracker } from '../../src/modules/alerts/restart-tracker';
import { observeSummary, uptimeFromStatus } from '../../src/docker/container-observation';
import { container, dockerPoll } from '../helpers/alert-outcomes';

const at = new Date('2026-03-01T00:00:00Z');
const ctx = (over: Partial<EvalContext> = {}): EvalContext => ({
  restarts: new RestartTracker(),
  stoppedByUser: () => false,
  now: at.getTime(),
  ...over,
});
const subject = (c: Parameters<typeof container>[0]): AlertSubject =>
  subjectsOf(dockerPoll(at, [container(c)])).find((s) => s.kind === 'container') as AlertSubject;
const check = (condition: AlertCondition, s: AlertSubject, c = ctx()) => evaluate(condition, s, c);

describe('conditions', () => {
  it('exited: non-zero exit only, and not when a user stopped it', () => {
    const cond = { kind: 'container_exited' } as const;
    expect(check(cond, subject({ name: 'a', state: 'exited', exitCode: 137 }))).toBe(
      'Container a on nas exited with code 137.',
    );
    expect(check(cond, subject({ name: 'a', state: 'exited', exitCode: 0 }))).toBeNull();
    expect(check(cond, subject({ name: 'a', state: 'running' }))).toBeNull();
    expect(
      check(cond, subject({ name: 'a', state: 'exited', exitCode: 1 }), ctx({ stoppedByUser: () => true })),
    ).toBeNull();
  });

  it('unhealthy, CPU and memory thresholds', () => {
    expect(check({ kind: 'container_unhealthy' }, subject({ name: 'a', health: 'unhealthy' }))).toContain(
      'unhealthy',
    );
    expect(check({ kind: 'container_unhealthy' }, subject({ name: 'a', health: 'healthy' }))).toBeNull();
    expect(
      check({ kind: 'container_cpu_above', percent: 80 }, subject({ name: 'a', cpuPercent: 95.5 })),
    ).toContain('95.5 %');
    expect(
      check({ kind: 'container_cpu_above', percent: 80 }, subject({ name: 'a', cpuPercent: 50 })),
    ).toBeNull();
    expect(
      check({ kind: 'container_cpu_above', percent: 80 }, subject({ name: 'a', cpuPercent: null })),
    ).toBeNull();
    const mem = { kind: 'container_memory_above', percent: 90 } as const;
    expect(check(mem, subject({ name: 'a', memoryBytes: 950, memoryLimitBytes: 1000 }))).toContain('95.0 %');
    expect(check(mem, subject({ name: 'a', memoryBytes: 950, memoryLimitBytes: null }))).toBeNull();
  });

  it('restart loop: agent counters count exactly; Docker lists count restarting or fresh starts', () => {
    const tracker = new RestartTracker();
    const loop = { kind: 'container_restart_loop', restarts: 3, windowMinutes: 5 } as const;
    let t = at.getTime();
    for (const count of [0, 1, 2, 3]) {
      const s = subject({ name: 'agent-c', restartCount: count });
      tracker.observe(s, t);
      t += 60_000;
    }
    const last = subject({ name: 'agent-c', restartCount: 3 });
    expect(check(loop, last, ctx({ restarts: tracker, now: t }))).toContain('restarted 3 times');
    expect(check(loop, last, ctx({ restarts: tracker, now: t + 10 * 60_000 }))).toBeNull();

    const docker = new RestartTracker();
    let u = at.getTime();
    const states = [
      { state: 'running', uptimeSeconds: 3600 },
      { state: 'restarting', uptimeSeconds: null },
      { state: 'running', uptimeSeconds: 5 },
      { state: 'running', uptimeSeconds: 40 },
      { state: 'restarting', uptimeSeconds: null },
    ];
    for (const st of states) {
      docker.observe(subject({ name: 'd', ...st }), u);
      u += 30_000;
    }
    expect(docker.count(subject({ name: 'd' }).key, 5 * 60_000, u)).toBe(3);
  });

  it('sources, Proxmox nodes and guests, Uptime Kuma monitors', () => {
    const failing = subjectsOf({
      sourceId: 'integration:1',
      kind: 'proxmox',
      name: 'pve',
      at,
      snapshot: null,
      error: { code: 'timeout', message: 'No answer within 10 s.' },
    });
    expect(failing).toHaveLength(1);
    expect(check({ kind: 'source_failing' }, failing[0] as AlertSubject)).toBe(
      'pve cannot be read: No answer within 10 s.',
    );
    const member = (id: string, type: 'vm' | 'monitor', status: string) => ({
      id,
      name: id,
      type,
      status,
      health: 'ok' as const,
      cpu: null,
      memoryUsedBytes: null,
      memoryTotalBytes: null,
      diskUsedBytes: null,
      diskTotalBytes: null,
      uptimeSeconds: null,
      tags: ['prod'],
      details: [],
    });
    const pve = subjectsOf({
      sourceId: 'integration:1',
      kind: 'proxmox',
      name: 'pve',
      at,
      error: null,
      snapshot: {
        groups: [
          {
            key: 'node:pve1',
            title: 'pve1',
            subtitle: null,
            health: 'error',
            members: [member('qemu/100', 'vm', 'stopped')],
          },
        ],
      },
    });
    const node = pve.find((s) => s.kind === 'proxmox-node') as AlertSubject;
    const guest = pve.find((s) => s.kind === 'proxmox-guest') as AlertSubject;
    expect(check({ kind: 'proxmox_node_offline' }, node)).toBe('Proxmox node pve1 is offline.');
    expect(check({ kind: 'proxmox_guest_stopped' }, guest)).toBe(
      'Proxmox guest qemu/100 on pve1 is stopped.',
    );
    expect(inScope({ type: 'label', label: 'prod' }, guest)).toBe(true);
    const kuma = subjectsOf({
      sourceId: 'integration:2',
      kind: 'uptime-kuma',
      name: 'kuma',
      at,
      error: null,
      snapshot: {
        groups: [
          { key: null, title: 'kuma', subtitle: null, members: [member('monitor/7', 'monitor', 'down')] },
        ],
      },
    });
    expect(check({ kind: 'kuma_monitor_down' }, kuma.find((s) => s.kind === 'monitor') as AlertSubject)).toBe(
      'Monitor monitor/7 (kuma) is down.',
    );
    const agent = subjectsOf({
      sourceId: 'agent:edge',
      kind: 'agent',
      name: 'edge',
      at,
      error: null,
      snapshot: { groups: [], observations: { containers: [], stale: true } },
    });
    expect(check({ kind: 'agent_host_stale' }, agent[0] as AlertSubject)).toBe(
      'Agent host edge stopped reporting.',
    );
  });
});

describe('scope', () => {
  const s = subject({ name: 'web-frontend', labels: { tier: 'front', 'archnest.alert': 'false' } });
  it('host and name globs, labels with or without a value, and the opt-out label', () => {
    expect(inScope({ type: 'all' }, s)).toBe(true);
    expect(inScope({ type: 'host', host: 'n?s' }, s)).toBe(true);
    expect(inScope({ type: 'host', host: 'other*' }, s)).toBe(false);
    expect(inScope({ type: 'name', pattern: 'web-*' }, s)).toBe(true);
    expect(inScope({ type: 'name', pattern: 'web' }, s)).toBe(false);
    expect(inScope({ type: 'name', pattern: 'WEB-(*' }, subject({ name: 'web-(x' }))).toBe(true);
    expect(inScope({ type: 'label', label: 'tier' }, s)).toBe(true);
    expect(inScope({ type: 'label', label: 'tier=front' }, s)).toBe(true);
    expect(inScope({ type: 'label', label: 'tier=back' }, s)).toBe(false);
    expect(optedOut(s)).toBe(true);
    expect(optedOut(subject({ name: 'x' }))).toBe(false);
  });
});

describe('Docker list phrases', () => {
  it('exit code, health and uptime come from the status', () => {
    const base = { id: 'a'.repeat(64), name: 'x', names: ['x'], image: 'i', labels: {}, ports: [] };
    expect(observeSummary({ ...base, state: 'exited', status: 'Exited (137) 5 seconds ago' })).toMatchObject({
      exitCode: 137,
      uptimeSeconds: null,
    });
    expect(observeSummary({ ...base, state: 'running', status: 'Up 2 minutes (unhealthy)' })).toMatchObject({
      health: 'unhealthy',
      uptimeSeconds: 120,
    });
    expect(uptimeFromStatus('Up Less than a second')).toBe(0);
    expect(uptimeFromStatus('Up About an hour')).toBe(3600);
    expect(uptimeFromStatus('Up 3 days')).toBe(3 * 86_400);
    expect(uptimeFromStatus('Exited (0) 1 hour ago')).toBeNull();
  });
});
