import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolToken } from '../../src/docker/pull-agent/enrol-proof';
import { pullAgentBundle } from '../helpers/pull-agent-runner';
import { AGENT_DIR } from '../helpers/test-app';

const SCRIPT = path.join(AGENT_DIR, 'pull', 'install.sh');
let root: string;

function install(args: string[], token: string | undefined) {
  return spawnSync('sh', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: {
      PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
      ...(token ? { ARCHNEST_ENROL_TOKEN: token } : {}),
    },
  });
}

beforeAll(async () => {
  await pullAgentBundle();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-pull-install-'));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('pull agent install.sh', () => {
  const token = createEnrolToken(new Date(Date.now() + 900_000));
  const base = ['--origin', 'https://archnest.example.com', '--root'];

  it('installs the bundle, the unit, the settings and the token (0600) under a root', () => {
    const run = install([...base, root, '--listen', '10.0.0.5:7443', '--allow-exec'], token);
    expect(run.status, run.stderr).toBe(0);
    const etc = path.join(root, 'etc/archnest-pull-agent');
    expect(fs.readFileSync(path.join(etc, 'agent.env'), 'utf8')).toBe(
      'ARCHNEST_PULL_LISTEN=10.0.0.5:7443\nARCHNEST_PULL_FLAGS=--allow-exec\n',
    );
    expect(fs.readFileSync(path.join(etc, 'enrol-token'), 'utf8')).toBe(`${token}\n`);
    expect(fs.statSync(path.join(etc, 'enrol-token')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(etc).mode & 0o777).toBe(0o700);
    const unit = fs.readFileSync(path.join(root, 'etc/systemd/system/archnest-pull-agent.service'), 'utf8');
    expect(unit).toContain('LoadCredential=enrol-token:/etc/archnest-pull-agent/enrol-token');
    expect(unit).toContain('DynamicUser=yes');
    expect(unit).not.toContain(token);
    const bundle = path.join(root, 'usr/local/lib/archnest-pull-agent/archnest-pull-agent.mjs');
    expect(fs.readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('refuses every interface, a missing or malformed token, and a bad origin', () => {
    for (const [args, given, said] of [
      [[...base, root, '--listen', '0.0.0.0:7443'], token, 'not every interface'],
      [[...base, root, '--listen', '10.0.0.5:7443'], undefined, 'ARCHNEST_ENROL_TOKEN'],
      [[...base, root, '--listen', '10.0.0.5:7443'], 'abc; reboot', 'ARCHNEST_ENROL_TOKEN'],
      [['--origin', 'https://x/$(id)', '--root', root, '--listen', '10.0.0.5:7443'], token, '--origin'],
      [[...base, root, '--listen', '10.0.0.5:7443;id'], token, '--listen'],
    ] as [string[], string | undefined, string][]) {
      const run = install(args, given);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(said);
    }
  });
});
