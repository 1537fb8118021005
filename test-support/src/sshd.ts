import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from './free-port';
import { ensureOpenSsh, SSHD_PATH } from './openssh';
import { keyFingerprint, type KeyFingerprint, type SshKeyType } from './ssh-keys';

/*
 * Keyboard-interactive needs PAM. OpenSSH on Linux has no keyboard-interactive "device" of its own:
 * with `UsePAM no` the server still lists keyboard-interactive but every attempt fails (bsdauth exists
 * only on OpenBSD, skey is not compiled in). The smallest setup that works is `UsePAM yes` with
 * Debian's stock /etc/pam.d/sshd (pam_unix behind common-auth): the server then sends one
 * "Password: " prompt (echo off) and checks the answer against /etc/shadow. Password and publickey
 * logins work either way, so `keyboardInteractive: true` is the only thing that turns PAM on.
 */

export interface SshdOptions {
  /** Listen on this port (a restart keeps the port); a free one by default. */
  port?: number;
  /** Host key types to generate; the first is the one an ed25519-preferring client sees. */
  hostKeyTypes?: SshKeyType[];
  /** Use this private host key file (copied in) instead of generating an ed25519 one. */
  hostKeyFile?: string;
  /** Public key text of a user CA whose certificates the server accepts (TrustedUserCAKeys). */
  trustedUserCaKey?: string;
  /** Turns PAM on so keyboard-interactive password prompts work (see the note above). */
  keyboardInteractive?: boolean;
}

export interface SshdServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Private host key files, one per type, in the order given. */
  readonly hostKeyFiles: ReadonlyMap<SshKeyType, string>;
  /** What `ssh-keygen -lf <hostkey>.pub` prints for the given host key (ed25519 by default). */
  hostKeyFingerprint(type?: SshKeyType): KeyFingerprint;
  /** Public host key line ("ssh-ed25519 AAAA... comment"). */
  hostPublicKey(type?: SshKeyType): string;
  /** Appends a public key line to the user's authorized_keys file (kept in the server's temp dir). */
  authorizeKey(user: string, publicKey: string): void;
  /** Replaces the host key(s) with fresh ones and restarts on the same port. */
  rotateHostKeys(): Promise<void>;
  /**
   * Stops (SIGSTOP) every process serving an open connection, as a host that hangs or drops off the
   * network would: the TCP connection stays open but nothing answers. Returns a function that resumes them.
   */
  freezeConnections(): () => void;
  stop(): Promise<void>;
}

/** Every live descendant of a process, from /proc. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited while listing
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, ppid] of parents) {
      if (ppid === parent) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

function keygen(type: SshKeyType, file: string): void {
  const bits = type === 'rsa' ? ['-b', '3072'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', '-C', 'archnest-test-host', '-f', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves once the port answers with an SSH identification line. */
function bannerReady(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let seen = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (seen.includes('SSH-2.0')) done(true);
    });
    socket.on('end', () => done(false));
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Creates a local account (idempotent) and sets its password, so password and PAM logins work. */
export function ensureTestUser(name: string, password: string): void {
  if (!/^[a-z_][a-z0-9_-]{0,30}$/.test(name)) throw new Error(`bad test user name ${name}`);
  if (spawnSync('id', ['-u', name], { stdio: 'ignore' }).status !== 0) {
    const added = spawnSync('useradd', ['-m', '-s', '/bin/bash', name], { encoding: 'utf8' });
    // 9: another test worker added the same account in the meantime.
    if (added.status !== 0 && added.status !== 9) throw new Error(`useradd ${name} failed: ${added.stderr}`);
  }
  execFileSync('chpasswd', { input: `${name}:${password}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Starts a real OpenSSH server on 127.0.0.1 with its own host keys, config and authorized_keys. */
export async function startSshd(options: SshdOptions = {}): Promise<SshdServer> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'sshd test servers need root (sshd privilege separation, useradd); run the suite as root',
    );
  }
  ensureOpenSsh();
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-sshd-'));
  // sshd reads authorized_keys as the logging-in user, so the path down to it must be traversable.
  fs.chmodSync(dir, 0o755);
  const keysDir = path.join(dir, 'authorized_keys');
  fs.mkdirSync(keysDir, { mode: 0o755 });
  const port = options.port ?? (await freePort());
  const types = options.hostKeyTypes ?? ['ed25519'];
  const hostKeyFiles = new Map<SshKeyType, string>();
  const makeHostKeys = (fresh: boolean) => {
    for (const type of types) {
      const file = path.join(dir, `host_${type}_key`);
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}.pub`, { force: true });
      if (!fresh && options.hostKeyFile && type === types[0]) {
        fs.copyFileSync(options.hostKeyFile, file);
        fs.chmodSync(file, 0o600);
        fs.writeFileSync(`${file}.pub`, execFileSync('ssh-keygen', ['-y', '-f', file]));
      } else {
        keygen(type, file);
      }
      hostKeyFiles.set(type, file);
    }
  };
  makeHostKeys(false);

  const configPath = path.join(dir, 'sshd_config');
  const pidFile = path.join(dir, 'sshd.pid');
  const lines = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    ...[...hostKeyFiles.values()].map((file) => `HostKey ${file}`),
    `PidFile ${pidFile}`,
    `AuthorizedKeysFile ${keysDir}/%u`,
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication yes',
    `UsePAM ${options.keyboardInteractive ? 'yes' : 'no'}`,
    'StrictModes no',
    'AllowTcpForwarding yes',
    'PermitRootLogin no',
    'PrintMotd no',
    'LogLevel VERBOSE',
  ];
  if (options.trustedUserCaKey) {
    const caFile = path.join(dir, 'trusted_user_ca.pub');
    fs.writeFileSync(caFile, `${options.trustedUserCaKey.trim()}\n`);
    lines.push(`TrustedUserCAKeys ${caFile}`);
  }
  fs.writeFileSync(configPath, `${lines.join('\n')}\n`);

  let child: ChildProcess | undefined;
  let log = '';
  const launch = async () => {
    log = '';
    const proc = spawn(SSHD_PATH, ['-f', configPath, '-D', '-e'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-8000);
    });
    try {
      await waitFor(async () => {
        if (proc.exitCode !== null) throw new Error(`sshd exited with code ${proc.exitCode}`);
        return bannerReady(port);
      }, `sshd on 127.0.0.1:${port}`);
    } catch (error) {
      proc.kill('SIGKILL');
      throw new Error(
        `could not start sshd on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}\n${log}`,
      );
    }
  };
  const halt = async () => {
    const proc = child;
    child = undefined;
    if (!proc?.pid) return;
    // Sessions already open live on until their clients leave, as they would on a real server.
    proc.kill('SIGTERM');
    await waitForExit(proc);
  };

  try {
    await launch();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const publicFile = (type: SshKeyType = types[0] ?? 'ed25519') => {
    const file = hostKeyFiles.get(type);
    if (!file) throw new Error(`this sshd has no ${type} host key`);
    return `${file}.pub`;
  };

  return {
    host: '127.0.0.1',
    port,
    hostKeyFiles,
    hostKeyFingerprint: (type) => keyFingerprint(publicFile(type)),
    hostPublicKey: (type) => fs.readFileSync(publicFile(type), 'utf8').trim(),
    authorizeKey(user, publicKey) {
      fs.appendFileSync(path.join(keysDir, user), `${publicKey.trim()}\n`, { mode: 0o644 });
    },
    freezeConnections() {
      const pids = child?.pid ? descendants(child.pid) : [];
      if (pids.length === 0) throw new Error('this sshd has no open connection to freeze');
      for (const pid of pids) process.kill(pid, 'SIGSTOP');
      return () => {
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGCONT');
          } catch {
            // already gone
          }
        }
      };
    },
    async rotateHostKeys() {
      await halt();
      makeHostKeys(true);
      await launch();
    },
    async stop() {
      try {
        await halt();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
