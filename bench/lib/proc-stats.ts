import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

// /proc/<pid>/stat counts CPU time in clock ticks; ask once instead of assuming 100 Hz.
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in seconds. */
  cpuSeconds: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may hold spaces: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields after the name start at field 3 (state): ppid is 4, utime 14, stime 15, cutime 16, cstime 17.
  const at = (n: number) => Number(fields[n - 3]);
  return { pid, ppid: at(4), cpuSeconds: (at(14) + at(15) + at(16) + at(17)) / TICKS_PER_SECOND };
}

/**
 * CPU seconds used by a process and every live descendant, including reaped children (cutime and
 * cstime), so a server that spawns `ssh` per session is charged for it.
 */
export function treeCpuSeconds(rootPid: number): number {
  const all: ProcStat[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) all.push(stat);
  }
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let total = 0;
  const queue = all.filter((s) => s.pid === rootPid);
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    const s = queue[i]!;
    total += s.cpuSeconds;
    queue.push(...(children.get(s.pid) ?? []));
  }
  return total;
}

/** A value from /proc/<pid>/status in bytes (VmRSS, VmHWM); NaN once the process is gone. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Resets VmHWM to the current RSS (Linux: "5" > clear_refs); false if the kernel refuses. */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Polls RSS every `intervalMs` until stopped; VmHWM catches peaks between polls. */
export function watchRss(pid: number, intervalMs = 100): { stop(): { peakRss: number; hwm: number } } {
  const reset = resetPeakRss(pid);
  let peakRss = statusBytes(pid, 'VmRSS');
  const timer = setInterval(() => {
    const rss = statusBytes(pid, 'VmRSS');
    if (rss > peakRss) peakRss = rss;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const rss = statusBytes(pid, 'VmRSS');
      if (rss > peakRss) peakRss = rss;
      return { peakRss, hwm: reset ? statusBytes(pid, 'VmHWM') : NaN };
    },
  };
}
