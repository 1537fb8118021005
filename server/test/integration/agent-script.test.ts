import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentContainerDetail,
  AgentHost,
  AgentHostContainers,
  AgentReport,
  IssuedAgentToken,
} from '@archnest/contract';
import {
  busyboxImage,
  ensureAgentTools,
  freePort,
  runContainer,
  startDockerd,
  type DockerdServer,
} from '@archnest/test-support';
import { ManualClock } from '../../src/clock';
import { setupAdmin } from '../helpers/accounts';
import { runAgent, runScript, toolDir } from '../helpers/agent-runner';
import { AGENT_DIR } from '../helpers/test-app';
import { createTestApp, type TestApp } from '../helpers/test-app';

const SECRET = 'hunter2-agent-secret-value';
const URL_SECRET = 'pw-in-the-url-9931';
const INTERVAL = 10;

/** The real agent script (bash, docker, curl, jq) against a real dockerd, posting to a listening server. */
describe('the Docker push agent', () => {
  let dockerd: DockerdServer;
  let t: TestApp;
  let clock: ManualClock;
  let dataDir: string;
  let base: string;
  let admin: string;
  let token: string;
  let tools: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ensureAgentTools();
    dockerd = await startDockerd();
    const image = busyboxImage(dockerd.socketPath);
    runContainer(dockerd, {
      name: 'agent-web',
      image,
      env: { DB_PASSWORD: SECRET, PLAIN: 'visible', DATABASE_URL: `postgres://app:${URL_SECRET}@db/app` },
      labels: { tier: 'front' },
    });
    runContainer(dockerd, { name: 'agent-stopped', image, stopTimeout: 0 });
    dockerd.docker(['stop', 'agent-stopped']);
    runContainer(dockerd, { name: 'agent-created', image, createOnly: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-agent-db-'));
    clock = new ManualClock(new Date());
    t = await createTestApp({ clock, sqliteFile: path.join(dataDir, 'archnest.db') });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/agents/tokens',
      headers: { cookie: admin },
      payload: { hostLabel: 'vm-1' },
    });
    token = issued.json<IssuedAgentToken>().token;
    tools = toolDir();
    env = {
      DOCKER_HOST: dockerd.dockerHost,
      ARCHNEST_URL: base,
      ARCHNEST_TOKEN: token,
      ARCHNEST_HOST_LABEL: 'vm-1',
      ARCHNEST_INTERVAL: String(INTERVAL),
    };
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await dockerd?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (tools) fs.rmSync(tools, { recursive: true, force: true });
  }, 60_000);

  const get = async <T>(url: string) => (await t.app.inject({ url, headers: { cookie: admin } })).json<T>();

  it('reports every container with state, stats and masked env; CPU % arrives with the second report', async () => {
    const first = await runAgent(['--once'], env, tools);
    expect(first, first.stderr).toMatchObject({ code: 0 });
    expect(first.stdout.trim()).toBe(`archnest-agent: reported 3 containers (1 running) for vm-1 to ${base}`);

    const [host] = await get<AgentHost[]>('/api/agents/hosts');
    expect(host).toMatchObject({
      label: 'vm-1',
      containerCount: 3,
      runningCount: 1,
      stale: false,
      intervalSeconds: INTERVAL,
      agentVersion: '1.0.0',
    });
    expect(host!.dockerVersion).toMatch(/^\d+\.\d+/);
    expect(host!.cpus).toBeGreaterThan(0);

    const list = await get<AgentHostContainers>('/api/agents/hosts/vm-1/containers');
    const byName = new Map(list.containers.map((c) => [c.name, c]));
    expect(byName.get('agent-web')).toMatchObject({ state: 'running', cpuPercent: null });
    expect(byName.get('agent-web')!.memoryBytes).toBeGreaterThan(0);
    expect(byName.get('agent-stopped')).toMatchObject({ state: 'exited', memoryBytes: null });
    expect(byName.get('agent-created')).toMatchObject({ state: 'created' });

    clock.advance(INTERVAL * 1000);
    const second = await runAgent(['--once'], env, tools);
    expect(second.code, second.stderr).toBe(0);
    const detail = await get<AgentContainerDetail>('/api/agents/hosts/vm-1/containers/agent-web');
    expect(detail.cpuPercent).toEqual(expect.any(Number));
    expect(detail.samples).toHaveLength(2);
    expect(detail.pids).toBeGreaterThan(0);
    expect(detail.labels).toEqual({ tier: 'front' });
    expect(detail.env).toEqual(
      expect.arrayContaining([
        { name: 'DB_PASSWORD', value: '***', masked: true },
        { name: 'PLAIN', value: 'visible', masked: false },
        { name: 'DATABASE_URL', value: 'postgres://app:***@db/app', masked: true },
      ]),
    );
  });

  it('keeps the token out of every command line it runs', async () => {
    // A curl that records its argv (what `ps` would show) and then runs the real one.
    const spy = toolDir(['docker', 'jq', 'gzip']);
    const argvLog = path.join(spy, 'curl-argv.log');
    fs.writeFileSync(
      path.join(spy, 'curl'),
      `#!/bin/bash\nprintf '%s\\n' "$@" >> '${argvLog}'\nexec /usr/bin/curl "$@"\n`,
      { mode: 0o755 },
    );
    try {
      clock.advance(1000);
      const run = await runAgent(['--once'], env, spy);
      expect(run.code, run.stderr).toBe(0);
      const argv = fs.readFileSync(argvLog, 'utf8');
      expect(argv).toContain(`${base}/api/agents/docker/report`);
      expect(argv).toContain('--config');
      expect(argv).not.toContain(token);
    } finally {
      fs.rmSync(spy, { recursive: true, force: true });
    }
  });

  it('never lets the raw secret reach the database file (main file, WAL and shared memory)', () => {
    const files = fs.readdirSync(dataDir).filter((f) => f.startsWith('archnest.db'));
    expect(files).toContain('archnest.db-wal');
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dataDir, file));
      expect(bytes.includes(SECRET), file).toBe(false);
      expect(bytes.includes(URL_SECRET), file).toBe(false);
      expect(bytes.includes(token), file).toBe(false);
    }
    // The check can see reported data: the visible value is there.
    const all = Buffer.concat(files.map((f) => fs.readFileSync(path.join(dataDir, f))));
    expect(all.includes('agent-web')).toBe(true);
  });

  it('turns stale once the report is older than twice the interval plus 20 s', async () => {
    clock.advance((2 * INTERVAL + 20) * 1000);
    expect((await get<AgentHost[]>('/api/agents/hosts'))[0]!.stale).toBe(false);
    clock.advance(1000);
    expect((await get<AgentHost[]>('/api/agents/hosts'))[0]!.stale).toBe(true);
    expect((await runAgent(['--once'], env, tools)).code).toBe(0);
    expect((await get<AgentHost[]>('/api/agents/hosts'))[0]!.stale).toBe(false);
  });

  it('--dry-run prints the masked report and sends nothing; --version prints the version', async () => {
    const before = (await get<AgentHost[]>('/api/agents/hosts'))[0]!.lastReportAt;
    clock.advance(1000);
    const closed = `http://127.0.0.1:${await freePort()}`;
    const dry = await runAgent(['--dry-run'], { ...env, ARCHNEST_URL: closed }, tools);
    expect(dry.code, dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout) as AgentReport;
    expect(report.hostLabel).toBe('vm-1');
    expect(report.containers).toHaveLength(3);
    expect(dry.stdout).not.toContain(SECRET);
    expect(dry.stdout).not.toContain(URL_SECRET);
    expect(report.containers.find((c) => c.name === 'agent-web')!.stats).toMatchObject({
      cpuTotalNs: expect.any(Number),
      onlineCpus: expect.any(Number),
    });
    expect((await get<AgentHost[]>('/api/agents/hosts'))[0]!.lastReportAt).toBe(before);

    const version = await runAgent(['--version'], {}, tools);
    expect(version).toMatchObject({ code: 0, stdout: 'archnest-docker-agent 1.0.0\n' });
  });

  it('exits with documented codes: missing tool 3, bad config 2, unreachable 5, refused token 6', async () => {
    const noJq = toolDir(['docker', 'curl', 'gzip']);
    try {
      const missing = await runAgent(['--once'], env, noJq);
      expect(missing.code).toBe(3);
      expect(missing.stderr).toContain('jq is not installed');
    } finally {
      fs.rmSync(noJq, { recursive: true, force: true });
    }
    const insecure = await runAgent(
      ['--once'],
      { ...env, ARCHNEST_URL: 'http://archnest.example.com' },
      tools,
    );
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toContain('https://');

    const closed = await runAgent(
      ['--once'],
      { ...env, ARCHNEST_URL: `http://127.0.0.1:${await freePort()}` },
      tools,
    );
    expect(closed.code).toBe(5);
    expect(closed.stderr).toContain('cannot reach ArchNest');
    // https addresses (names, IPv4, bracketed IPv6, ports, paths) pass the check and are tried
    for (const url of [`https://127.0.0.1:${await freePort()}`, 'https://[::1]:1/archnest']) {
      const tried = await runAgent(['--once'], { ...env, ARCHNEST_URL: url }, tools);
      expect(tried.code, `${url}: ${tried.stderr}`).toBe(5);
    }

    const refused = await runAgent(
      ['--once'],
      { ...env, ARCHNEST_TOKEN: 'ana_not-a-real-token-000000000000' },
      tools,
    );
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain('refused the token (401)');
    expect(refused.stderr).not.toContain('ana_not-a-real-token');

    const otherHost = await runAgent(['--once'], { ...env, ARCHNEST_HOST_LABEL: 'vm-2' }, tools);
    expect(otherHost.code).toBe(6);
    expect(otherHost.stderr).toContain('(403)');

    const noDocker = await runAgent(['--once'], { ...env, DOCKER_HOST: 'unix:///nonexistent.sock' }, tools);
    expect(noDocker.code).toBe(4);
  });

  it('sends to a plain http:// address on another host only when told to, with a warning', async () => {
    // 127.0.0.2 is not "localhost" to the agent; a relay there reaches the server on 127.0.0.1.
    const port = (t.app.server.address() as { port: number }).port;
    const relay = net.createServer((c) => {
      const upstream = net.connect(port, '127.0.0.1');
      c.pipe(upstream).pipe(c);
      c.on('error', () => upstream.destroy());
      upstream.on('error', () => c.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.2', resolve));
    const lan = `http://127.0.0.2:${(relay.address() as net.AddressInfo).port}`;
    try {
      const refused = await runAgent(['--once'], { ...env, ARCHNEST_URL: lan }, tools);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('ARCHNEST_ALLOW_HTTP=yes');
      const unclear = await runAgent(
        ['--once'],
        { ...env, ARCHNEST_URL: lan, ARCHNEST_ALLOW_HTTP: 'maybe' },
        tools,
      );
      expect(unclear.code).toBe(2);
      expect(unclear.stderr).toContain('ARCHNEST_ALLOW_HTTP must be yes or no');
      const allowed = await runAgent(
        ['--once'],
        { ...env, ARCHNEST_URL: lan, ARCHNEST_ALLOW_HTTP: 'yes' },
        tools,
      );
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(allowed.stderr).toContain('unencrypted');
      expect(allowed.stdout).toContain(`to ${lan}`);
    } finally {
      relay.close();
    }
  });

  it('reads its settings from a config file as data, never as shell', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-agent-conf-'));
    const canary = path.join(dir, 'canary');
    const file = path.join(dir, 'agent.env');
    fs.writeFileSync(
      file,
      [
        '# written by install.sh',
        `ARCHNEST_URL="${base}"`,
        `ARCHNEST_TOKEN=${token}`,
        'ARCHNEST_HOST_LABEL=vm-1',
        `DOCKER_HOST=${dockerd.dockerHost}`,
        `ARCHNEST_INTERVAL=${INTERVAL}`,
      ].join('\n'),
    );
    try {
      const run = await runAgent(['--once', '--config', file], {}, tools);
      expect(run.code, run.stderr).toBe(0);
      fs.appendFileSync(file, `\nARCHNEST_EVIL=$(touch ${canary})\n`);
      const refused = await runAgent(['--once', '--config', file], {}, tools);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('unknown setting ARCHNEST_EVIL');
      expect(fs.existsSync(canary)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('install.sh fetches the agent from ArchNest, takes the token on stdin and writes a 0600 config', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-install-'));
    const root = path.join(dir, 'root');
    // Alone in a folder, as after `curl …/agent/install.sh -o …`: everything else comes from the server.
    const installer = path.join(dir, 'install-archnest-agent.sh');
    fs.copyFileSync(path.join(AGENT_DIR, 'install.sh'), installer);
    try {
      const install = await runScript(
        installer,
        [
          '--url',
          base,
          '--host-label',
          'vm-1',
          '--interval',
          String(INTERVAL),
          '--token-stdin',
          '--root',
          root,
        ],
        { PATH: `${tools}:/usr/bin:/bin`, DOCKER_HOST: dockerd.dockerHost },
        `${token}\n`,
      );
      expect(install.code, install.stderr).toBe(0);
      const agent = path.join(root, 'usr/local/bin/archnest-docker-agent');
      expect(fs.statSync(agent).mode & 0o777).toBe(0o755);
      expect(fs.readFileSync(agent, 'utf8')).toBe(
        fs.readFileSync(path.join(AGENT_DIR, 'archnest-docker-agent.sh'), 'utf8'),
      );
      const config = path.join(root, 'etc/archnest-agent.env');
      expect(fs.statSync(config).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(config, 'utf8')).toContain(`ARCHNEST_TOKEN=${token}`);
      expect(
        fs.readFileSync(path.join(root, 'etc/systemd/system/archnest-docker-agent.timer'), 'utf8'),
      ).toContain(`OnUnitActiveSec=${INTERVAL}s`);
      expect(fs.existsSync(path.join(root, 'etc/systemd/system/archnest-docker-agent.service'))).toBe(true);

      const run = await runScript(agent, ['--once', '--config', config], { PATH: tools });
      expect(run.code, run.stderr).toBe(0);

      const noToken = await runScript(installer, ['--url', base, '--token-stdin', '--root', root], {
        PATH: `${tools}:/usr/bin:/bin`,
      });
      expect(noToken.code).toBe(2);
      expect(noToken.stderr).toContain('no valid token');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
