import type { ExecStream } from '../ssh';
import type { LogChunk, LogStream } from './container-source';
import { logStreamOver } from './log-frames';

/** `docker logs --follow` running over SSH: its stdout and stderr are the container's. */
export function cliLogStream(running: ExecStream): LogStream {
  const out = logStreamOver(running.stdout, {
    push: (data: Buffer): LogChunk[] => [{ stream: 'stdout', text: data.toString('utf8') }],
  });
  const listeners: ((chunk: LogChunk) => void)[] = [];
  running.stderr.on('data', (data: Buffer) => {
    for (const listener of listeners) listener({ stream: 'stderr', text: data.toString('utf8') });
  });
  return {
    onChunk(listener) {
      out.onChunk(listener);
      listeners.push(listener);
    },
    onEnd: (listener) => out.onEnd(listener),
    close() {
      out.close();
      running.close();
    },
  };
}
