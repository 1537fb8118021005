import { treeCpuSeconds } from '../lib/proc-stats';
import { doneMarker, MarkerScanner } from '../lib/marker';
import { byteLength, waitForData, waitQuiet, type TermSession } from './term-session';

export interface ThroughputSample {
  bytes: number;
  /** Data events the client saw (WebSocket messages, socket.io events, pipe reads). */
  chunks: number;
  seconds: number;
  mbPerSecond: number;
  /** CPU seconds of the relay process tree per MB received. */
  cpuSecondsPerMb: number;
  /** CPU seconds of this bench process (the simulated browser, or the pipe reader) per MB. */
  clientCpuSecondsPerMb: number;
}

/**
 * Types `command; echo <marker>` into the shell and counts bytes until the marker arrives: wall
 * time runs from sending the line to seeing the marker. Bounded by `timeoutMs`; on timeout the
 * command is interrupted and the error rethrown.
 */
export async function throughput(
  session: TermSession,
  command: string,
  timeoutMs: number,
): Promise<ThroughputSample> {
  await waitQuiet(session, 200);
  const { suffix, marker } = doneMarker();
  const scanner = new MarkerScanner(marker);
  let bytes = 0;
  let chunks = 0;
  const cpu0 = treeCpuSeconds(session.cpuPid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const done = waitForData(
    session,
    (chunk) => {
      bytes += byteLength(chunk);
      chunks++;
      return scanner.push(chunk);
    },
    timeoutMs,
    `the end of "${command}"`,
  );
  session.write(`${command}${suffix}\r`);
  try {
    const t1 = await done;
    const cpu = treeCpuSeconds(session.cpuPid) - cpu0;
    const client = process.cpuUsage(client0);
    const seconds = (t1 - t0) / 1000;
    const mb = bytes / 1e6;
    return {
      bytes,
      chunks,
      seconds,
      mbPerSecond: mb / seconds,
      cpuSecondsPerMb: cpu / mb,
      clientCpuSecondsPerMb: (client.user + client.system) / 1e6 / mb,
    };
  } catch (error) {
    session.write('\x03');
    await waitQuiet(session, 500);
    throw error;
  }
}

/**
 * Keystroke echo: starts `cat` (the remote pty echoes in canonical mode), then sends one 'a' at a
 * time and waits for its echo before the next. Returns milliseconds per keystroke after `warmup`.
 */
export async function echoLatency(session: TermSession, count: number, warmup: number): Promise<number[]> {
  await waitQuiet(session, 200);
  session.write('cat\r');
  await waitQuiet(session, 300);
  const samples: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const echoed = waitForData(
      session,
      (chunk) => (typeof chunk === 'string' ? chunk.includes('a') : chunk.includes(0x61)),
      5000,
      'an echo',
    );
    const t0 = performance.now();
    session.write('a');
    const t1 = await echoed;
    if (i >= warmup) samples.push(t1 - t0);
  }
  session.write('\x03');
  await waitQuiet(session, 300);
  return samples;
}
