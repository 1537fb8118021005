import { describe, expect, it } from 'vitest';
import { retryOnConflict } from '../../src/db/retry-on-conflict';

const failing = (codes: string[]) => {
  let calls = 0;
  const write = () => {
    const code = codes[calls++];
    return code ? Promise.reject(Object.assign(new Error(code), { code })) : Promise.resolve(calls);
  };
  return { write, calls: () => calls };
};

describe('retryOnConflict', () => {
  it('runs a write again after a deadlock or a serialization failure', async () => {
    const w = failing(['40P01', '40001']);
    await expect(retryOnConflict(w.write)).resolves.toBe(3);
    expect(w.calls()).toBe(3);
  });

  it('passes other errors on at once, and gives up after the last attempt', async () => {
    const fk = failing(['23503']);
    await expect(retryOnConflict(fk.write)).rejects.toMatchObject({ code: '23503' });
    expect(fk.calls()).toBe(1);
    const stuck = failing(['40P01', '40P01', '40P01', '40P01']);
    await expect(retryOnConflict(stuck.write, 3)).rejects.toMatchObject({ code: '40P01' });
    expect(stuck.calls()).toBe(3);
  });
});
