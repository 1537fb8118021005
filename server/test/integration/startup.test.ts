import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, waitFor } from '@archnest/test-support';

const root = path.resolve(import.meta.dirname, '../../..');

function startMain(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('server start-up', () => {
  it.each([
    [{ PORT: 'eighty' }, 'Invalid configuration: PORT must be a number (got "eighty")'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT must be between 1 and 65535 (got "70000")'],
    [{ ARCHNEST_EDITION: 'gold' }, 'Invalid configuration: ARCHNEST_EDITION'],
    [
      { ARCHNEST_SECRET_KEY: 'c2hvcnQ=' },
      'Invalid configuration: ARCHNEST_SECRET_KEY must be 32 bytes encoded as base64',
    ],
    [
      { DATABASE_URL: 'mysql://x' },
      'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL',
    ],
    [
      { ARCHNEST_TRUST_PROXY: 'true' },
      'Invalid configuration: ARCHNEST_TRUST_PROXY must be the number of reverse proxies in front of ArchNest (e.g. 1) or their addresses/CIDRs',
    ],
    [
      { ARCHNEST_LOGIN_AUDIT_MAX_ROWS: '10' },
      'Invalid configuration: ARCHNEST_LOGIN_AUDIT_MAX_ROWS must be between 100 and 10000000 rows (got "10")',
    ],
    [
      { ARCHNEST_PUBLIC_URL: 'ftp://x' },
      'Invalid configuration: ARCHNEST_PUBLIC_URL must be an http:// or https:// URL',
    ],
  ])('stops with one clear line for %o', (env, line) => {
    const result = startMain({
      ...env,
      ARCHNEST_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-cfg-')),
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(line);
    expect(result.stderr).not.toContain('c2hvcnQ');
  });

  it('starts on SQLite in the data dir, prints the URL and keeps data across restarts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-start-'));
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ARCHNEST_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    const run = async (work: () => Promise<void>) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      try {
        await waitFor(() => out.includes('ArchNest is running at'), 'start-up line');
        expect(out).toContain(`ArchNest is running at http://127.0.0.1:${port}`);
        await work();
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    };
    await run(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'owner', password: 'persisted-pass-1' }),
      });
      expect(res.status).toBe(201);
    });
    expect(fs.existsSync(path.join(dataDir, 'archnest.db'))).toBe(true);
    await run(async () => {
      const status = await (await fetch(`http://127.0.0.1:${port}/api/auth/status`)).json();
      expect(status).toEqual({
        setupRequired: false,
        user: null,
        twoFactorEnrolmentRequired: false,
        sso: null,
      });
    });
  });
});
