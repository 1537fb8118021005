import { ApiRefusal } from './api-routes';

/*
 * The only request bodies the agent forwards, rebuilt from checked fields: an exec may start one of
 * a few shells with a TTY and TERM, never as another user, privileged, or in another directory. The
 * one command besides a bare shell is ArchNest's probe `<shell> -c 'exit 0'`, which asks whether the
 * image has that shell before a console opens.
 */

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash']);
const TERM = /^TERM=[a-zA-Z0-9._-]{1,40}$/;
export const BODY_LIMIT = 16 * 1024;

function parse(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiRefusal(400, 'invalid_request', 'The body is not JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ApiRefusal(400, 'invalid_request', 'The body must be a JSON object.');
  return value as Record<string, unknown>;
}

function only(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length > 0)
    throw new ApiRefusal(400, 'invalid_request', `Not accepted in this body: ${extra.join(', ')}.`);
}

const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);

export function execCreateBody(raw: Buffer): string {
  const body = parse(raw);
  only(body, ['AttachStdin', 'AttachStdout', 'AttachStderr', 'Tty', 'Cmd', 'Env']);
  const cmd = body.Cmd;
  const probe = Array.isArray(cmd) && cmd.length === 3 && cmd[1] === '-c' && cmd[2] === 'exit 0';
  if (
    !Array.isArray(cmd) ||
    (cmd.length !== 1 && !probe) ||
    typeof cmd[0] !== 'string' ||
    !SHELLS.has(cmd[0])
  )
    throw new ApiRefusal(400, 'invalid_request', 'An exec runs one of: sh, bash, ash.');
  const env = body.Env ?? [];
  if (!Array.isArray(env) || env.length > 1 || !env.every((e) => typeof e === 'string' && TERM.test(e)))
    throw new ApiRefusal(400, 'invalid_request', 'An exec may set TERM and nothing else.');
  return JSON.stringify({
    AttachStdin: bool(body.AttachStdin, true),
    AttachStdout: bool(body.AttachStdout, true),
    AttachStderr: bool(body.AttachStderr, true),
    Tty: bool(body.Tty, true),
    Cmd: probe ? [cmd[0], '-c', 'exit 0'] : [cmd[0]],
    Env: env as string[],
    Privileged: false,
  });
}

export function execStartBody(raw: Buffer): string {
  const body = parse(raw);
  // dockerode sends its own options (hijack, stdin) along; they say nothing to Docker.
  only(body, ['Detach', 'Tty', 'hijack', 'stdin']);
  if (body.Detach === true) throw new ApiRefusal(400, 'invalid_request', 'A detached exec is not offered.');
  return JSON.stringify({ Detach: false, Tty: bool(body.Tty, true) });
}

/** Reads a body up to the limit; a longer one is refused as soon as it passes the limit. */
export function readBody(stream: NodeJS.ReadableStream, declared: number | undefined): Promise<Buffer> {
  if (declared !== undefined && declared > BODY_LIMIT)
    return Promise.reject(
      new ApiRefusal(413, 'body_too_large', `Bodies are limited to ${BODY_LIMIT} bytes.`),
    );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        stream.removeListener('data', onData);
        reject(new ApiRefusal(413, 'body_too_large', `Bodies are limited to ${BODY_LIMIT} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    stream.on('data', onData);
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}
