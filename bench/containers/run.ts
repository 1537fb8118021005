// Time to list 200 containers: through the Engine API, and with the docker CLI over SSH on a reused
// connection. Baseline, measured in the same run: a fresh `ssh host docker ps` per call (OpenSSH
// client, new connection each time), which is what a script without connection reuse pays.
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
import { EngineApiSource, SshCliSource } from '../../server/src/docker';
import { connectSsh } from '../../server/src/ssh';
import { median } from '../lib/load';

const smoke = process.argv.includes('--smoke');
const CONTAINERS = smoke ? 10 : 200;
const CALLS = smoke ? 3 : 15;
const USER = 'archnest-bench-dock';

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
  const ssh = new SshCliSource({
    label: 'ssh',
    binary: DOCKER_CLI_PATH,
    dockerHost: dockerd.dockerHost,
    timeoutMs: 30_000,
    connect: () =>
      connectSsh(
        [
          {
            label: 'ssh',
            host: sshd.host,
            port: sshd.port,
            username: USER,
            auth: { type: 'key', privateKey: key.privateKey },
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
  sources.push(engine, ssh);

  const counts = [(await engine.list()).length, (await ssh.list()).length];
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

  const results = {
    engine: await timed(() => engine.list(), CALLS),
    sshReused: await timed(() => ssh.list(), CALLS),
    sshFresh: await timed(freshSsh, CALLS),
    localCli: await timed(localCli, CALLS),
  };
  const m = (xs: number[]) => median(xs).toFixed(1);
  console.log(`\ncontainers (${CONTAINERS} containers, ${CALLS} calls each, medians in ms)`);
  console.log(`  Engine API list (unix socket, dockerode)        ${m(results.engine)}`);
  console.log(`  baseline: local docker ps CLI                    ${m(results.localCli)}`);
  console.log(`  docker over SSH, reused connection (ArchNest)    ${m(results.sshReused)}`);
  console.log(`  baseline: fresh ssh + docker ps per call         ${m(results.sshFresh)}`);
  console.log(
    `  ratio reused/fresh                               ${(median(results.sshReused) / median(results.sshFresh)).toFixed(2)}×`,
  );
  console.log(
    `  ratio Engine API/local CLI                       ${(median(results.engine) / median(results.localCli)).toFixed(2)}×`,
  );
} finally {
  for (const s of sources) s.close();
  await sshd.stop();
  await dockerd.stop();
  fs.rmSync(keyDir, { recursive: true, force: true });
}
