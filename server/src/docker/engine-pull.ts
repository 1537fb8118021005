import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { IMAGE_REFERENCE, type PullFrame } from '@archnest/contract';
import { DockerInputError, DockerOperationError } from './docker-errors';
import type { PullStream } from './docker-objects';
import { engineError } from './engine-errors';
import { num, obj, str } from './json-read';
import { withTimeout } from './with-timeout';

/**
 * Docker's own words from a dockerode error. For streamed calls docker-modem does not keep the JSON
 * body; it only writes it into the message: "(HTTP code 500) server error - <daemon's message> ".
 */
export function daemonSaid(error: unknown): string | undefined {
  const e = obj(error);
  const json = str(obj(e.json).message);
  if (json) return json;
  const match = /^\(HTTP code \d+\) [^-]*- (.+?)\s*$/s.exec(str(e.message) ?? '');
  return match?.[1] ?? str(e.reason);
}

/** A pull that sends nothing for this long has stalled; the daemon is asked to stop. */
const STALL_MS = 5 * 60_000;

/** `name[:tag][@digest]` → what `POST /images/create` takes; no tag means `latest`, never "every tag". */
export function pullTarget(ref: string): { fromImage: string; tag: string } {
  const match = IMAGE_REFERENCE.exec(ref);
  if (!match) throw new Error('not an image reference');
  const [, name = '', tag, digest] = match;
  return { fromImage: name, tag: digest ?? tag ?? 'latest' };
}

/**
 * One line of the daemon's JSON progress stream as a frame for the browser. The daemon reports a
 * failure inside the stream (`error` / `errorDetail`) after answering 200, so that is an error too.
 */
export function progressFrame(line: unknown): PullFrame | { error: string } | undefined {
  const o = obj(line);
  const error = str(obj(o.errorDetail).message) ?? str(o.error);
  if (error) return { error };
  const status = str(o.status);
  if (!status) return undefined;
  const detail = obj(o.progressDetail);
  const frame: PullFrame = { type: 'progress', status };
  const layer = str(o.id);
  const current = num(detail.current);
  const total = num(detail.total);
  if (layer) frame.layer = layer;
  if (current !== undefined) frame.current = current;
  if (total !== undefined) frame.total = total;
  return frame;
}

/** Splits a byte stream into JSON lines; a line that is not JSON is skipped, never fatal. */
export class JsonLines {
  private pending = '';
  push(data: Buffer | string): unknown[] {
    this.pending += data.toString();
    const lines = this.pending.split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    return lines.flatMap((line) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        return [];
      }
    });
  }
}

/**
 * Pulls through `POST /images/create`: opening is bounded like any call (the daemon answers once
 * it has reached the registry, or with its refusal); then frames flow until the stream ends.
 */
export async function pullImage(
  docker: Docker,
  label: string,
  ref: string,
  openMs: number,
): Promise<PullStream> {
  const target = pullTarget(ref);
  const stream = await withTimeout<Readable>(
    label,
    `pulling ${ref}`,
    openMs,
    async (abortSignal) => {
      try {
        return (await docker.createImage({ ...target, abortSignal })) as Readable;
      } catch (error) {
        const e = obj(error);
        if (typeof e.statusCode !== 'number') throw engineError(error, label, `Image ${ref}`);
        // The daemon refused before streaming: the registry is unreachable, or has no such image.
        const said = daemonSaid(error) ?? `HTTP ${e.statusCode}`;
        if (e.statusCode === 400) throw new DockerInputError(`Docker refused the reference: ${said}`);
        throw new DockerOperationError(
          e.statusCode === 404 ? 'not_found' : 'failed',
          `Pulling ${ref} on ${label} failed: ${said}`,
        );
      }
    },
    (late) => late.destroy(),
  );

  const frames: ((frame: PullFrame) => void)[] = [];
  const ends: ((error?: Error) => void)[] = [];
  const lines = new JsonLines();
  let failure: string | undefined;
  let done: { error?: Error } | undefined;
  let stall: NodeJS.Timeout | undefined;
  const finish = (error?: Error) => {
    if (done) return;
    done = error ? { error } : {};
    clearTimeout(stall);
    stream.destroy();
    for (const listener of ends.splice(0)) listener(error);
  };
  const armStall = () => {
    clearTimeout(stall);
    stall = setTimeout(
      () =>
        finish(
          new DockerOperationError(
            'failed',
            `Pulling ${ref} on ${label} stalled: no progress for 5 minutes.`,
          ),
        ),
      STALL_MS,
    );
  };
  armStall();
  stream.on('data', (chunk: Buffer) => {
    armStall();
    for (const line of lines.push(chunk)) {
      const frame = progressFrame(line);
      if (!frame) continue;
      if ('error' in frame) {
        failure ??= frame.error;
        continue;
      }
      for (const listener of frames) listener(frame);
    }
  });
  stream.on('end', () =>
    finish(
      failure
        ? new DockerOperationError('failed', `Pulling ${ref} on ${label} failed: ${failure}`)
        : undefined,
    ),
  );
  stream.on('error', (error) =>
    finish(new DockerOperationError('failed', `Pulling ${ref} on ${label} was cut off: ${error.message}`)),
  );
  return {
    onFrame: (listener) => void frames.push(listener),
    onEnd: (listener) => (done ? listener(done.error) : void ends.push(listener)),
    close: () => finish(),
  };
}
