import { SshExecError } from './ssh-connect-error';
import type { ExecOptions, ExecResult, ExecStream } from './ssh-connection';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** Collects a command's output, closing it when it runs too long or says too much. */
export function collectExec(
  stream: ExecStream,
  label: string,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const size = { out: 0, err: 0 };
    let failed = false;
    const fail = (error: SshExecError) => {
      if (failed) return;
      failed = true;
      clearTimeout(timer);
      stream.close();
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new SshExecError('timeout', `The command on ${label} did not finish within ${timeoutMs / 1000} s`),
        ),
      timeoutMs,
    );
    const collect = (chunks: Buffer[], which: 'out' | 'err') => (chunk: Buffer) => {
      size[which] += chunk.length;
      if (size[which] > maxBytes) {
        fail(new SshExecError('output_limit', `The command on ${label} wrote more than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    stream.stdout.on('data', collect(out, 'out'));
    stream.stderr.on('data', collect(err, 'err'));
    stream.stdin.end();
    stream.exit.then(
      (exit) => {
        if (failed) return;
        clearTimeout(timer);
        resolve({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          code: exit.code,
        });
      },
      () => fail(new SshExecError('closed', `The connection to ${label} ended while the command ran`)),
    );
  });
}
