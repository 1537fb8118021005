import os from 'node:os';
import type { FloodResult } from './flood';
import type { ThroughputSample } from './measure';
import { fmt, latencySummary, med, mib, ratio, table, verdict } from './report';

export interface Results {
  smoke: boolean;
  runs: number;
  keystrokes: number;
  workloads: string[];
  systems: string[];
  /** Keyed `${workload}|${system}`. */
  tput: Map<string, ThroughputSample[]>;
  /** Per system, one array of samples (ms) per run. */
  latency: Map<string, number[][]>;
  flood: FloodResult;
  floodSize: string;
  fastPeakRss: number;
  wettyError: string | null;
  errors: string[];
}

const ARCH = 'ArchNest';
const NATIVE = 'native ssh';
const WETTY = 'WeTTY';

export function printReport(r: Results): void {
  const mbps = (w: string, s: string) => med((r.tput.get(`${w}|${s}`) ?? []).map((x) => x.mbPerSecond));
  const cpu = (w: string, s: string) =>
    med((r.tput.get(`${w}|${s}`) ?? []).map((x) => x.cpuSecondsPerMb * 1000));
  const clientCpu = (w: string, s: string) =>
    med((r.tput.get(`${w}|${s}`) ?? []).map((x) => x.clientCpuSecondsPerMb * 1000));
  // Per run p50/p99, then the median over runs.
  const lat = (s: string, p: 'p50' | 'p99') =>
    med((r.latency.get(s) ?? []).map((run) => latencySummary(run)[p]));

  console.log(
    `\nTerminal benchmark${r.smoke ? ' (SMOKE: tiny sizes, not figures)' : ''}: ${r.runs} run(s), medians; ` +
      `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  if (r.wettyError) console.log(`WeTTY not measured: ${r.wettyError}`);

  console.log('\nThroughput through a pty (MB/s received, median)');
  console.log(
    table(
      ['workload', ARCH, NATIVE, WETTY, 'ArchNest/native', 'ArchNest/WeTTY'],
      r.workloads.map((w) => [
        w,
        fmt(mbps(w, ARCH)),
        fmt(mbps(w, NATIVE)),
        fmt(mbps(w, WETTY)),
        ratio(mbps(w, ARCH), mbps(w, NATIVE)),
        ratio(mbps(w, ARCH), mbps(w, WETTY)),
      ]),
    ),
  );

  console.log(
    '\nRelay CPU per MB (ms CPU per MB received, process tree; native = the ssh client, for reference)',
  );
  console.log(
    table(
      ['workload', `${ARCH} server`, `${WETTY} server + ssh`, 'native ssh client', 'ArchNest/WeTTY'],
      r.workloads.map((w) => [
        w,
        fmt(cpu(w, ARCH), 2),
        fmt(cpu(w, WETTY), 2),
        fmt(cpu(w, NATIVE), 2),
        ratio(cpu(w, ARCH), cpu(w, WETTY)),
      ]),
    ),
  );

  console.log(
    '\nClient-side CPU per MB (ms, the bench process: simulated browser, or the pipe reader for native)',
  );
  console.log(
    table(
      ['workload', ARCH, NATIVE, WETTY],
      r.workloads.map((w) => [w, ...[ARCH, NATIVE, WETTY].map((s) => fmt(clientCpu(w, s), 2))]),
    ),
  );

  console.log(`\nKeystroke echo latency (${r.keystrokes} keystrokes into \`cat\`, ms, median over runs)`);
  console.log(
    table(
      ['system', 'p50', 'p99'],
      r.systems.map((s) => [s, fmt(lat(s, 'p50'), 2), fmt(lat(s, 'p99'), 2)]),
    ),
  );

  const f = r.flood;
  console.log(`\nArchNest server memory`);
  console.log(
    table(
      ['case', 'RSS before', 'peak RSS (100 ms polls)', 'VmHWM', 'received'],
      [
        [
          `${r.floodSize} flood, client acking 1 MB/s, ${f.seconds.toFixed(0)} s`,
          `${fmt(mib(f.baselineRss))} MiB`,
          `${fmt(mib(f.peakRss))} MiB`,
          `${fmt(mib(f.hwm))} MiB`,
          `${fmt(f.receivedBytes / 1e6)} MB`,
        ],
        ['throughput + echo runs (fast client)', '', '', `${fmt(mib(r.fastPeakRss))} MiB`, ''],
      ],
    ),
  );

  const tputOk = (w: string) => {
    const a = mbps(w, ARCH);
    const n = mbps(w, NATIVE);
    return Number.isFinite(a) && Number.isFinite(n) ? a >= 0.95 * n : null;
  };
  const cpuOk = r.workloads.map((w) => {
    const a = cpu(w, ARCH);
    const b = cpu(w, WETTY);
    return Number.isFinite(a) && Number.isFinite(b) ? a <= b / 2 : null;
  });
  const latA = lat(ARCH, 'p99');
  const latN = lat(NATIVE, 'p99');
  const peak = Math.max(f.peakRss, Number.isFinite(f.hwm) ? f.hwm : 0);
  console.log('\nTargets');
  console.log(
    table(
      ['target', 'result'],
      [
        ...r.workloads.map((w) => [
          `throughput ≥ 0.95× native, ${w.slice(0, 1)}`,
          `${ratio(mbps(w, ARCH), mbps(w, NATIVE))} ${verdict(tputOk(w))}`,
        ]),
        ...r.workloads.map((w, i) => [
          `CPU/MB ≤ ½ WeTTY, ${w.slice(0, 1)}`,
          `${ratio(cpu(w, ARCH), cpu(w, WETTY))} ${verdict(cpuOk[i] ?? null)}`,
        ]),
        [
          'echo p99 ≤ native + 1 ms',
          `${fmt(latA, 2)} vs ${fmt(latN + 1, 2)} ms ${verdict(Number.isFinite(latA) && Number.isFinite(latN) ? latA <= latN + 1 : null)}`,
        ],
        [
          'peak RSS ≤ 100 MiB under the flood',
          `${fmt(mib(peak))} MiB ${verdict(peak > 0 ? mib(peak) <= 100 : null)}`,
        ],
      ],
    ),
  );
  if (r.errors.length) console.log(`\nErrors (${r.errors.length}):\n  ${r.errors.join('\n  ')}`);
}
