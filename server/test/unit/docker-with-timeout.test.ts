import { describe, expect, it } from 'vitest';
import { SourceUnavailableError } from '../../src/docker/docker-errors';
import { withTimeout } from '../../src/docker/with-timeout';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('withTimeout', () => {
  it('passes a prompt answer through', async () => {
    expect(await withTimeout('box', 'listing', 1000, () => after(5, 'ok'))).toBe('ok');
  });

  it('fails a slow call at the deadline with a per-host message, and aborts it', async () => {
    let signal: AbortSignal | undefined;
    const started = Date.now();
    const error = await withTimeout('box', 'listing containers', 200, (s) => {
      signal = s;
      return after(2000, 'late');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as SourceUnavailableError).label).toBe('box');
    expect((error as Error).message).toBe('Docker on box did not answer within 0.2 s (listing containers).');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(signal?.aborted).toBe(true);
  });

  it('closes what a call opens after its deadline, and only then', async () => {
    const disposed: string[] = [];
    await withTimeout(
      'box',
      'shell',
      50,
      () => after(150, 'late-shell'),
      (v) => disposed.push(v),
    ).catch(() => undefined);
    await withTimeout(
      'box',
      'shell',
      500,
      () => after(5, 'prompt-shell'),
      (v) => disposed.push(v),
    );
    await after(200, null);
    expect(disposed).toEqual(['late-shell']);
  });
});
