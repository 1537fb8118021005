import type { ContainerStats } from './container-source';
import { defined, num, obj, str, type JsonObject } from './json-read';

/*
 * CPU percent needs two readings of the container's and the host's CPU time. The Engine API's
 * `stream=false` (without one-shot) has the daemon take both, about a second apart, and return the
 * first as `precpu_stats`; that is what `docker stats --no-stream` does too. A daemon that sends an
 * empty `precpu_stats` (one-shot, or Podman's compat API) gets a second reading from the caller, and
 * `earlier` carries the first. The formulas are the docker CLI's own, so both sources agree.
 */

function cpuPercent(cpu: JsonObject, pre: JsonObject): number | undefined {
  const total = num(obj(cpu.cpu_usage).total_usage);
  const preTotal = num(obj(pre.cpu_usage).total_usage);
  const system = num(cpu.system_cpu_usage);
  const preSystem = num(pre.system_cpu_usage);
  if (total === undefined || preTotal === undefined || system === undefined || !preSystem) return undefined;
  const cpuDelta = total - preTotal;
  const systemDelta = system - preSystem;
  const cpus =
    num(cpu.online_cpus) ?? (obj(cpu.cpu_usage).percpu_usage as unknown[] | undefined)?.length ?? 1;
  if (systemDelta <= 0 || cpuDelta < 0) return 0;
  return round((cpuDelta / systemDelta) * cpus * 100);
}

/** Usage without the page cache that the kernel can drop, as `docker stats` counts it (cgroup v1 and v2). */
function memoryUsed(memory: JsonObject): number | undefined {
  const usage = num(memory.usage);
  if (usage === undefined) return undefined;
  const stats = obj(memory.stats);
  const inactive = num(stats.total_inactive_file) ?? num(stats.inactive_file);
  return inactive !== undefined && inactive < usage ? usage - inactive : usage;
}

function blockBytes(blkio: JsonObject, op: 'read' | 'write'): number {
  const entries = Array.isArray(blkio.io_service_bytes_recursive) ? blkio.io_service_bytes_recursive : [];
  return entries
    .map(obj)
    .filter((e) => str(e.op)?.toLowerCase() === op)
    .reduce((sum, e) => sum + (num(e.value) ?? 0), 0);
}

export function hasPreviousCpu(sample: unknown): boolean {
  const pre = obj(obj(sample).precpu_stats);
  return Boolean(num(pre.system_cpu_usage)) && num(obj(pre.cpu_usage).total_usage) !== undefined;
}

/** One Engine API stats answer as ContainerStats; `earlier` is a previous answer's cpu_stats. */
export function engineStats(id: string, sample: unknown, earlier?: unknown): ContainerStats {
  const s = obj(sample);
  const memory = obj(s.memory_stats);
  const used = memoryUsed(memory);
  const limit = num(memory.limit);
  const networks = Object.values(obj(s.networks)).map(obj);
  const blkio = obj(s.blkio_stats);
  const name = str(s.name);
  return defined({
    id: str(s.id) ?? id,
    name: name?.startsWith('/') ? name.slice(1) : name,
    readAt: str(s.read) ?? new Date().toISOString(),
    cpuPercent: cpuPercent(obj(s.cpu_stats), obj(earlier ?? s.precpu_stats)),
    memoryBytes: used,
    memoryLimitBytes: limit,
    memoryPercent: used !== undefined && limit ? round((used / limit) * 100) : undefined,
    networkRxBytes: networks.reduce((sum, n) => sum + (num(n.rx_bytes) ?? 0), 0),
    networkTxBytes: networks.reduce((sum, n) => sum + (num(n.tx_bytes) ?? 0), 0),
    blockReadBytes: blockBytes(blkio, 'read'),
    blockWriteBytes: blockBytes(blkio, 'write'),
    pids: num(obj(s.pids_stats).current),
  });
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  pib: 1024 ** 5,
};

/** "764KiB", "1.98MB", "0B" → bytes (rounded: the CLI already rounded). Undefined for "N/A" or junk. */
export function parseHumanSize(text: string | undefined): number | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const factor = UNITS[(match[2] || 'b').toLowerCase()];
  return factor === undefined ? undefined : Math.round(Number(match[1]) * factor);
}

function pair(text: unknown): [number | undefined, number | undefined] {
  const [a, b] = (str(text) ?? '').split('/');
  return [parseHumanSize(a), parseHumanSize(b)];
}

function percent(text: unknown): number | undefined {
  const match = /^\s*(-?[0-9.]+)\s*%\s*$/.exec(str(text) ?? '');
  return match ? Number(match[1]) : undefined;
}

/** One entry of `docker stats --no-stream --format '{{json .}}'`, or Podman's lower-case variant. */
export function cliStats(line: unknown, readAt: string): ContainerStats {
  const s = obj(line);
  const pick = (docker: string, podman: string): unknown => s[docker] ?? s[podman];
  const [memoryBytes, memoryLimitBytes] = pair(pick('MemUsage', 'mem_usage'));
  const [networkRxBytes, networkTxBytes] = pair(pick('NetIO', 'net_io'));
  const [blockReadBytes, blockWriteBytes] = pair(pick('BlockIO', 'block_io'));
  const pidText = str(pick('PIDs', 'pids'));
  const pids = pidText && /^\d+$/.test(pidText) ? Number(pidText) : undefined;
  return defined({
    id: str(s.ID) ?? str(s.Id) ?? str(s.id) ?? '',
    name: str(pick('Name', 'name')),
    readAt,
    cpuPercent: percent(pick('CPUPerc', 'cpu_percent')),
    memoryBytes,
    memoryLimitBytes,
    memoryPercent: percent(pick('MemPerc', 'mem_percent')),
    networkRxBytes,
    networkTxBytes,
    blockReadBytes,
    blockWriteBytes,
    pids,
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
