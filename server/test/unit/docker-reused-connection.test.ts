import { describe, expect, it } from 'vitest';
import { reuseConnection } from '../../src/docker/reused-connection';
import type { SshConnection } from '../../src/ssh';

/** Only what reuseConnection touches: onClose and close. */
function fakeConnection(): SshConnection & { closed: boolean } {
  const listeners: (() => void)[] = [];
  const connection = {
    closed: false,
    onClose: (listener: () => void) => listeners.push(listener),
    close: () => {
      connection.closed = true;
      for (const l of listeners.splice(0)) l();
    },
  };
  return connection as unknown as SshConnection & { closed: boolean };
}

describe('reuseConnection', () => {
  it('shares one attempt between concurrent callers and keeps the connection', async () => {
    let connects = 0;
    const reused = reuseConnection(() => {
      connects++;
      return Promise.resolve(fakeConnection());
    });
    const [a, b] = await Promise.all([reused.get(), reused.get()]);
    expect(a).toBe(b);
    expect(await reused.get()).toBe(a);
    expect(connects).toBe(1);
  });

  it('connects again after the connection closes or an attempt fails', async () => {
    let connects = 0;
    let fail = false;
    const reused = reuseConnection(() => {
      connects++;
      return fail ? Promise.reject(new Error('down')) : Promise.resolve(fakeConnection());
    });
    const first = await reused.get();
    first.close();
    const second = await reused.get();
    expect(second).not.toBe(first);
    second.close();
    fail = true;
    await expect(reused.get()).rejects.toThrow('down');
    fail = false;
    await reused.get();
    expect(connects).toBe(4);
  });

  it('close() ends the connection, also one still connecting, and refuses later calls', async () => {
    let resolve: (c: SshConnection) => void = () => undefined;
    const pending = fakeConnection();
    const reused = reuseConnection(() => new Promise<SshConnection>((r) => (resolve = r)));
    const attempt = reused.get();
    reused.close();
    resolve(pending);
    await attempt;
    expect(pending.closed).toBe(true);
    await expect(reused.get()).rejects.toThrow('closed');
  });
});
