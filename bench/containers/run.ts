// Time to list 200 containers: through the Engine API on the local socket, Docker over SSH through
// `docker system dial-stdio` (what ArchNest uses), and the docker CLI over the same reused connection
// (its fallback). Baselines, measured in the same run: the Engine API directly, and a fresh
// `ssh host docker ps` per call (OpenSSH client, new connection each time).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  busyboxImage,
  DOCKER_CLI_PATH,
  ensureTestUser,
  generateKeyPair,
  startDockerd,
  startSshd,
} from '@archnest/test-support';
import { certFingerprint, createSelfSignedCert } from '../../server/src/crypto/self-signed-cert';
import { EngineApiSource, PullAgentSource, SshCliSource, SshDockerSource } from '../../server/src/docker';
import { enrolWithAgent } from '../../server/src/docker/pull-agent/enrol-client';
import { createEnrolToken } from '../../server/src/docker/pull-agent/enrol-proof';
import { connectSsh } from '../../server/src/ssh';
import { startPullAgent, type PullAgentProcess } from '../../server/test/helpers/pull-agent-runner';
import { startListeningScript } from '../lib/listening-child';
import { median } from '../lib/load';
import { echoRoundTrips, type EchoFigures } from './echo-round-trips';

const smoke = process.argv.includes('--smoke');
const CONTAINERS = smoke ? 10 : 200;
const CALLS = smoke ? 3 : 15;
const USER = 'archnest-bench-dock';

/**
 * The reference relay (minimal-relay.ts) in its own process in front of the same daemon, reached
 * like a pull agent (mutual TLS 1.3, pinned): the cost of one more process without the agent's work.
 */
async function startMinimalRelay(socketPath: string, client: { certPem: string }, dir: string) {
  const own = createSelfSignedCert('minimal-relay');
  fs.writeFileSync(path.join(dir, 'relay.crt'), own.certPem);
  fs.writeFileSync(path.join(dir, 'relay.key'), own.keyPem, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'client.crt'), client.certPem);
  const relay = await startListeningScript(path.join(import.meta.dirname, 'minimal-relay.ts'), [
    socketPath,
    path.join(dir, 'relay.crt'),
    path.join(dir, 'relay.key'),
    path.join(dir, 'client.crt'),
  ]);
  return { port: relay.port, fingerprint: certFingerprint(own.certPem), stop: relay.stop };
}

async function timed(fn: () => unknown, calls: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

ensureTestUser(USER, 'Bench-dock-pass-1');
execFileSync('usermod', ['-aG', 'docker', USER]);
const dockerd = await startDockerd({ socketGroup: 'docker' });
const sshd = await startSshd();
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-bench-keys-'));
const sources: { close(): void }[] = [];
let pullAgent: PullAgentProcess | undefined;
let minimalRelay: { stop: () => void } | undefined;
try {
  const key = generateKeyPair(keyDir, 'id', { type: 'ed25519' });
  sshd.authorizeKey(USER, key.publicKey);
  const image = busyboxImage(dockerd.socketPath);
  process.stdout.write(`creating ${CONTAINERS} containers… `);
  for (let i = 0; i < CONTAINERS; i++)
    dockerd.docker(['create', '--name', `bench-${i}`, '--network', 'none', '--label', `n=${i}`, image, 'sh']);
  console.log('done');

  const engine = new EngineApiSource({
    label: 'local',
    endpoint: { socketPath: dockerd.socketPath },
    timeoutMs: 30_000,
  });
  const pinned = sshd.hostKeyFingerprint().fingerprint;
  const sshOptions = (label: string) => ({
    label,
    binary: DOCKER_CLI_PATH,
    dockerHost: dockerd.dockerHost,
    timeoutMs: 30_000,
    connect: () =>
      connectSsh(
        [
          {
            label,
            host: sshd.host,
            port: sshd.port,
            username: USER,
            auth: { type: 'key' as const, privateKey: key.privateKey },
          },
        ],
        {
          verifyHostKey: (seen) =>
            Promise.resolve(
              seen.fingerprint === pinned ? { trust: true } : { trust: false, reason: 'changed' },
            ),
        },
      ),
  });
  // The pull agent, enrolled as ArchNest enrols it, on the same daemon.
  const token = createEnrolToken(new Date(Date.now() + 600_000));
  pullAgent = await startPullAgent({ socketPath: dockerd.socketPath, token, flags: ['--allow-exec'] });
  const client = createSelfSignedCert('archnest');
  const enrolled = await enrolWithAgent({ host: '127.0.0.1', port: pullAgent.port }, client, token, 10_000);
  const pull = new PullAgentSource({
    label: 'pull',
    host: '127.0.0.1',
    port: pullAgent.port,
    clientCert: client.certPem,
    clientKey: client.keyPem,
    agentFingerprint: enrolled.agentFingerprint,
    timeoutMs: 30_000,
  });
  sources.push(pull);
  if ((await pull.list()).length !== CONTAINERS) throw new Error('the pull agent listed another count');
  const relayProcess = await startMinimalRelay(dockerd.socketPath, client, keyDir);
  minimalRelay = relayProcess;
  const relay = new PullAgentSource({
    label: 'relay',
    host: '127.0.0.1',
    port: relayProcess.port,
    clientCert: client.certPem,
    clientKey: client.keyPem,
    agentFingerprint: relayProcess.fingerprint,
    timeoutMs: 30_000,
  });
  sources.push(relay);

  const ssh = new SshDockerSource(sshOptions('ssh'));
  const sshCli = new SshCliSource(sshOptions('ssh-cli'));
  sources.push(engine, ssh, sshCli);

  const counts = [(await engine.list()).length, (await ssh.list()).length, (await sshCli.list()).length];
  if (ssh.transport !== 'dial-stdio')
    throw new Error(`Docker over SSH used ${ssh.transport}, not dial-stdio`);
  if (counts.some((n) => n !== CONTAINERS))
    throw new Error(`expected ${CONTAINERS} containers, saw ${counts.join(' and ')}`);

  const knownHosts = path.join(keyDir, 'known_hosts');
  fs.writeFileSync(knownHosts, `[${sshd.host}]:${sshd.port} ${sshd.hostPublicKey()}\n`);
  const freshSsh = () => {
    const r = spawnSync(
      'ssh',
      [
        '-i',
        key.privateKeyPath,
        '-p',
        String(sshd.port),
        '-o',
        `UserKnownHostsFile=${knownHosts}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        'BatchMode=yes',
        `${USER}@${sshd.host}`,
        'docker',
        '-H',
        dockerd.dockerHost,
        'ps',
        '-a',
        '--no-trunc',
        '--format',
        "'{{json .}}'",
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0 || r.stdout.trim().split('\n').length !== CONTAINERS)
      throw new Error(`ssh docker ps failed: ${r.stderr}`);
  };
  const localCli = () => dockerd.docker(['ps', '-a', '--no-trunc', '--format', '{{json .}}']);

  // Engine API and pull agent alternate call by call, so both see the same moments of a busy machine.
  for (let i = 0; i < 3; i++) await Promise.all([engine.list(), pull.list()]); // warm-up
  const engineList: number[] = [];
  const pullList: number[] = [];
  for (let i = 0; i < CALLS * 2; i++) {
    engineList.push(...(await timed(() => engine.list(), 1)));
    pullList.push(...(await timed(() => pull.list(), 1)));
  }

  const results = {
    engine: await timed(() => engine.list(), CALLS),
    sshDial: await timed(() => ssh.list(), CALLS),
    sshCli: await timed(() => sshCli.list(), CALLS),
    sshFresh: await timed(freshSsh, CALLS),
    localCli: await timed(localCli, CALLS),
  };
  // Exec round trips last: the running container would otherwise be one more in every list.
  dockerd.docker(['run', '-d', '--name', 'bench-exec', '--network', 'none', image, 'sleep', '3600']);
  // Keystrokes take well under a millisecond each, so many more of them give a steadier p99.
  const echoes = { keystrokes: smoke ? 50 : 2000, commands: smoke ? 20 : 300 };
  const [engineEcho, pullEcho, relayEcho] = await echoRoundTrips([engine, pull, relay], 'bench-exec', echoes);
  if (!engineEcho || !pullEcho || !relayEcho) throw new Error('no exec figures');
  const m = (xs: number[]) => median(xs).toFixed(1);
  console.log(`\ncontainers (${CONTAINERS} containers, ${CALLS} calls each, medians in ms)`);
  const ratio = (a: number[], b: number[]) => `${(median(a) / median(b)).toFixed(2)}×`;
  console.log(`  Engine API list (unix socket, dockerode)        ${m(results.engine)}`);
  console.log(`  baseline: local docker ps CLI                    ${m(results.localCli)}`);
  console.log(`  Docker over SSH, dial-stdio (ArchNest)           ${m(results.sshDial)}`);
  console.log(`  Docker over SSH, CLI fallback (reused conn.)     ${m(results.sshCli)}`);
  console.log(`  baseline: fresh ssh + docker ps per call         ${m(results.sshFresh)}`);
  console.log(`  ratio dial-stdio / Engine API (target ≤ 2×)      ${ratio(results.sshDial, results.engine)}`);
  console.log(
    `  speed-up fresh ssh / dial-stdio (target ≥ 5×)    ${ratio(results.sshFresh, results.sshDial)}`,
  );
  console.log(
    `  ratio CLI fallback / fresh ssh                   ${ratio(results.sshCli, results.sshFresh)}`,
  );
  console.log(
    `\npull agent (${CALLS * 2} alternating list calls each; in one exec per source, ${echoes.keystrokes} keystrokes and ${echoes.commands} commands each)`,
  );
  console.log(`  Engine API list (unix socket)                    ${m(engineList)}`);
  console.log(`  pull agent list (mutual TLS 1.3, pinned)         ${m(pullList)}`);
  console.log(`  ratio pull agent / Engine API (target ≤ 1.5×)    ${ratio(pullList, engineList)}`);
  const ms = (x: number) => x.toFixed(2);
  const exec = (name: string, f: EchoFigures) => `p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  (${name})`;
  console.log(`  keystroke echo into cat, Engine API   ${exec('Engine API', engineEcho.keystroke)}`);
  console.log(`  keystroke echo into cat, pull agent   ${exec('pull agent', pullEcho.keystroke)}`);
  console.log(
    `  keystroke p99 difference (target ≤ 1 ms)       ${ms(pullEcho.keystroke.p99 - engineEcho.keystroke.p99)}`,
  );
  console.log(`  keystroke echo into cat, minimal relay ${exec('reference', relayEcho.keystroke)}`);
  console.log(
    `  reference: minimal relay p99 difference      ${ms(relayEcho.keystroke.p99 - engineEcho.keystroke.p99)}`,
  );
  console.log(`  command round trip, Engine API        ${exec('Engine API', engineEcho.command)}`);
  console.log(`  command round trip, pull agent        ${exec('pull agent', pullEcho.command)}`);
  console.log(
    `  command p99 difference                         ${ms(pullEcho.command.p99 - engineEcho.command.p99)}`,
  );
} finally {
  for (const s of sources) s.close();
  minimalRelay?.stop();
  await pullAgent?.stop();
  await sshd.stop();
  await dockerd.stop();
  fs.rmSync(keyDir, { recursive: true, force: true });
}
