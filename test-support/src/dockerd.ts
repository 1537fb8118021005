import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ensureDebianPackages, type DebianNeed } from './apt';
import { waitFor } from './free-port';
import type { TlsFiles } from './tls-certs';

export const DOCKERD_PATH = '/usr/sbin/dockerd';
/* /usr/local/bin/docker may be a newer, unrelated client; Debian's matches Debian's daemon. */
export const DOCKER_CLI_PATH = '/usr/bin/docker';
export const BUSYBOX_PATH = '/bin/busybox';

/** The applets the test image links to busybox; enough for shells, ticks, env dumps and load. */
const APPLETS = [
  'sh',
  'sleep',
  'echo',
  'cat',
  'env',
  'yes',
  'top',
  'date',
  'ls',
  'ps',
  'true',
  'false',
  'stty',
];

/** Docker's daemon and CLI, and a static busybox for the test image. */
export const DOCKER_PACKAGES: DebianNeed[] = [
  { path: DOCKERD_PATH, pkg: 'docker.io' },
  { path: DOCKER_CLI_PATH, pkg: 'docker.io' },
  { path: BUSYBOX_PATH, pkg: 'busybox-static' },
];

/** Installs Docker and busybox when missing. */
export function ensureDocker(): void {
  ensureDebianPackages(DOCKER_PACKAGES);
}

export interface DockerdOptions {
  /** A group that owns the socket (dockerd --group), so a non-root test user can reach it. */
  socketGroup?: string;
  /** Also listen on 127.0.0.1:port with --tlsverify: clients need a certificate signed by `tls.caCert`. */
  tcpTls?: { port: number; tls: TlsFiles };
  /** Default `vfs` (works everywhere); `overlay2` where the kernel allows it, for image builds. */
  storageDriver?: 'vfs' | 'overlay2';
  /** Keep images in this directory across runs (a build cache) instead of a temporary one. */
  dataRoot?: string;
}

export interface DockerdServer {
  readonly socketPath: string;
  /** `unix://<socketPath>`, as docker -H and DOCKER_HOST take it. */
  readonly dockerHost: string;
  readonly pid: number;
  /** Runs Debian's docker CLI against this daemon and returns its trimmed stdout. */
  docker(args: readonly string[], input?: Buffer): string;
  stop(): Promise<void>;
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function isMounted(target: string): boolean {
  return fs
    .readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[1] === target);
}

function runDocker(socketPath: string, args: readonly string[], input?: Buffer): string {
  const result = spawnSync(DOCKER_CLI_PATH, ['-H', `unix://${socketPath}`, ...args], {
    input,
    encoding: 'buffer',
    timeout: 60_000,
  });
  if (result.status !== 0) {
    const stderr = result.stderr?.toString('utf8').trim() ?? '';
    throw new Error(`docker ${args.join(' ')} failed (exit ${result.status}): ${stderr}`);
  }
  return result.stdout.toString('utf8').trim();
}

function tlsArgs(port: number, tls: TlsFiles): string[] {
  return [
    '-H',
    `tcp://127.0.0.1:${port}`,
    '--tlsverify',
    '--tlscacert',
    tls.caCert,
    '--tlscert',
    tls.serverCert,
    '--tlskey',
    tls.serverKey,
  ];
}

/**
 * Starts a private Docker daemon (as root) with its own data, exec root and socket: no iptables, no
 * bridge, vfs storage, so it runs in a VM or container without overlayfs or netfilter.
 */
export async function startDockerd(options: DockerdOptions = {}): Promise<DockerdServer> {
  if (process.getuid?.() !== 0) throw new Error('dockerd test servers need root; run the suite as root');
  ensureDocker();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-dockerd-'));
  // The socket's directory must be traversable by a test user in the socket group.
  fs.chmodSync(dir, 0o755);
  const dataRoot = options.dataRoot ?? path.join(dir, 'data');
  const execRoot = path.join(dir, 'exec');
  const socketPath = path.join(dir, 'docker.sock');
  const pidFile = path.join(dir, 'dockerd.pid');
  const args = [
    '--iptables=false',
    '--ip6tables=false',
    '--bridge=none',
    `--storage-driver=${options.storageDriver ?? 'vfs'}`,
    '--data-root',
    dataRoot,
    '--exec-root',
    execRoot,
    '-H',
    `unix://${socketPath}`,
    '--pidfile',
    pidFile,
    ...(options.socketGroup ? ['--group', options.socketGroup] : []),
    ...(options.tcpTls ? tlsArgs(options.tcpTls.port, options.tcpTls.tls) : []),
  ];
  let log = '';
  const child = spawn(DOCKERD_PATH, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-8000);
  });

  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await exited(child, 20_000))) {
        child.kill('SIGKILL');
        await exited(child, 5000);
      }
    }
    const netns = path.join(execRoot, 'netns', 'default');
    if (isMounted(netns)) spawnSync('umount', [netns], { stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`dockerd exited with code ${child.exitCode}`);
      return ping(socketPath);
    }, `dockerd on ${socketPath}`);
  } catch (error) {
    await cleanup();
    throw new Error(
      `could not start dockerd: ${error instanceof Error ? error.message : String(error)}\n${log}`,
    );
  }
  if (!child.pid) throw new Error('dockerd has no pid');

  return {
    socketPath,
    dockerHost: `unix://${socketPath}`,
    pid: child.pid,
    docker: (dockerArgs, input) => runDocker(socketPath, dockerArgs, input),
    async stop() {
      // Removing containers first keeps dockerd's shutdown quick and leaves no shim behind.
      try {
        const ids = runDocker(socketPath, ['ps', '-aq']).split('\n').filter(Boolean);
        if (ids.length) runDocker(socketPath, ['rm', '-f', ...ids]);
      } catch {
        // The daemon may already be gone; stopping still cleans up after it.
      }
      await cleanup();
    },
  };
}

/**
 * No registry is reachable here, so the test image is imported from a tar holding a static busybox
 * and links for the applets the suites use. Returns the tag; importing again is skipped.
 */
export function busyboxImage(socketPath: string, tag = 'archnest-busybox:test'): string {
  ensureDocker();
  const present = spawnSync(DOCKER_CLI_PATH, ['-H', `unix://${socketPath}`, 'image', 'inspect', tag], {
    stdio: 'ignore',
  });
  if (present.status === 0) return tag;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-busybox-'));
  try {
    fs.mkdirSync(path.join(root, 'bin'));
    fs.mkdirSync(path.join(root, 'tmp'), { mode: 0o1777 });
    fs.copyFileSync(BUSYBOX_PATH, path.join(root, 'bin', 'busybox'));
    fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
    for (const applet of APPLETS) fs.symlinkSync('busybox', path.join(root, 'bin', applet));
    const tar = execFileSync('tar', ['-C', root, '-cf', '-', '.'], { maxBuffer: 64 * 1024 * 1024 });
    runDocker(socketPath, ['import', '-', tag], tar);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return tag;
}

export interface TestContainerOptions {
  name: string;
  image: string;
  env?: Record<string, string>;
  labels?: Record<string, string>;
  /** Default: print a tick with the date every second, forever. */
  command?: string[];
  /** Default `none`; `host` for containers that listen on loopback. */
  network?: 'none' | 'host';
  /** Created but not started. */
  createOnly?: boolean;
  /** Seconds `docker stop` waits before killing (a shell as PID 1 ignores SIGTERM); Docker's default is 10. */
  stopTimeout?: number;
}

export const TICK_COMMAND = ['sh', '-c', 'while true; do echo tick $(date); sleep 1; done'];

/** Runs (or only creates) a container and returns its full id. */
export function runContainer(server: Pick<DockerdServer, 'docker'>, options: TestContainerOptions): string {
  const flags = [
    '--name',
    options.name,
    '--network',
    options.network ?? 'none',
    ...Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    ...Object.entries(options.labels ?? {}).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
    ...(options.stopTimeout === undefined ? [] : ['--stop-timeout', String(options.stopTimeout)]),
  ];
  const verb = options.createOnly ? ['create'] : ['run', '-d'];
  return server.docker([...verb, ...flags, options.image, ...(options.command ?? TICK_COMMAND)]);
}
