import { spawn as spawnProcess } from 'node:child_process';
import type { spawn as spawnPtyType } from 'node-pty';
import { lazyRequire } from '../util/lazy-require';

const loadPty = lazyRequire<{ spawn: typeof spawnPtyType }>('node-pty');
import { collectExec } from './exec-collect';
import { describeHostKey, type SeenHostKey } from './host-key';
import { probeHostKey } from './host-key-probe';
import { loopbackForward } from './loopback-forward';
import {
  sshArgv,
  sshEnv,
  SSH_CLIENT_PATH,
  writeCertificateFiles,
  type CertificateFiles,
} from './openssh-args';
import { ptyShellChannel } from './pty-shell-channel';
import { commandLine } from './quote-arg';
import type { ShellChannel, ShellExit } from './shell-channel';
import { loadPrivateKey } from './ssh-auth';
import { SshConnectError, SshExecError } from './ssh-connect-error';
import type {
  ExecOptions,
  ExecResult,
  ExecStream,
  ShellOptions,
  SshConnection,
  VerifiedHostKey,
} from './ssh-connection';
import { describeTarget, type SshTarget } from './ssh-target';
import { closeClients } from './ssh2-connection';
import { forwardThrough, hostKeyError, openTcp, type ConnectedHop, type HopOptions } from './ssh2-hop';

/*
 * ssh2 cannot present OpenSSH user certificates (ssh2#551), so a certificate login runs the OpenSSH
 * client. Trust still goes through the one verifier: the target's host key is learned by an ssh2
 * key-exchange probe, verified, and written as the only entry of a private known_hosts, with strict
 * checking on. Jump hops before the target stay on ssh2; ssh reaches the target through a one-shot
 * loopback forward at the end of that chain.
 */

type CertificateAuth = Extract<SshTarget['auth'], { type: 'certificate' }>;

function sshFailure(target: SshTarget, hop: number, stderr: string): SshConnectError {
  const where = describeTarget(target);
  const says = (pattern: RegExp) => pattern.test(stderr);
  if (says(/Permission denied/))
    return new SshConnectError(
      'auth',
      hop,
      target.label,
      `Authentication as ${target.username} on ${target.label} failed: the server refused the certificate`,
    );
  if (says(/Host key verification failed|HOST IDENTIFICATION HAS CHANGED/))
    return new SshConnectError('host_key', hop, target.label, `Host key of ${where} changed during login`);
  if (says(/Connection refused/))
    return new SshConnectError('tcp', hop, target.label, `Cannot reach ${where}: the connection was refused`);
  if (says(/timed out/i))
    return new SshConnectError('timeout', hop, target.label, `${where} did not answer in time`);
  const last = stderr.trim().split('\n').at(-1) ?? '';
  return new SshConnectError(
    'protocol',
    hop,
    target.label,
    `SSH with ${where} failed: ${last || 'ssh exited with 255'}`,
  );
}

export class OpenSshConnection implements SshConnection {
  readonly transport = 'openssh';
  private readonly closeListeners: (() => void)[] = [];
  private readonly running = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly target: SshTarget,
    private readonly hop: number,
    private readonly via: readonly ConnectedHop[],
    private readonly files: CertificateFiles,
    private readonly pinned: SeenHostKey,
    readonly hostKeys: readonly VerifiedHostKey[],
    private readonly options: HopOptions,
  ) {
    for (const connected of via) connected.client.once('close', () => this.close());
  }

  /** Where ssh should dial: the target, or a fresh loopback forward through the last hop. */
  private async dial(): Promise<{ host: string; port: number; release: () => void }> {
    const last = this.via.at(-1);
    if (!last) return { host: this.target.host, port: this.target.port, release: () => undefined };
    const forward = await loopbackForward(last.client, this.target.host, this.target.port);
    return { host: '127.0.0.1', port: forward.port, release: () => forward.close() };
  }

  private argv(dial: { host: string; port: number }, command?: string, tty = false): string[] {
    return sshArgv({
      tty,
      files: this.files,
      target: this.target,
      pinned: this.pinned,
      dial,
      connectTimeoutMs: this.options.readyTimeoutMs,
      keepaliveIntervalMs: this.options.keepaliveIntervalMs,
      ...(command === undefined ? {} : { command }),
    });
  }

  shell(options: ShellOptions): Promise<ShellChannel> {
    return this.inPty(options);
  }

  async execPty(argv: readonly string[], options: ShellOptions): Promise<ShellChannel> {
    return this.inPty(options, commandLine(argv));
  }

  /** The OpenSSH client in a local pty, asking the server for one too: a login shell, or `command`. */
  private async inPty(options: ShellOptions, command?: string): Promise<ShellChannel> {
    this.assertOpen();
    const dial = await this.dial();
    const term = options.term ?? 'xterm-256color';
    const pty = loadPty().spawn(SSH_CLIENT_PATH, this.argv(dial, command, true), {
      name: term,
      cols: options.cols,
      rows: options.rows,
      cwd: this.files.dir,
      env: sshEnv(this.files, term),
      encoding: null,
    });
    const stop = () => pty.kill('SIGHUP');
    this.running.add(stop);
    return ptyShellChannel(pty, () => {
      this.running.delete(stop);
      dial.release();
    });
  }

  async execStream(argv: readonly string[]): Promise<ExecStream> {
    this.assertOpen();
    const command = commandLine(argv);
    const dial = await this.dial();
    const child = spawnProcess(SSH_CLIENT_PATH, this.argv(dial, command), {
      cwd: this.files.dir,
      env: sshEnv(this.files),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stop = () => child.kill('SIGTERM');
    this.running.add(stop);
    const exit = new Promise<ShellExit>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => {
        this.running.delete(stop);
        dial.release();
        resolve(signal ? { code: null, signal } : { code });
      });
    });
    return { stdout: child.stdout, stderr: child.stderr, stdin: child.stdin, exit, close: stop };
  }

  async exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    return collectExec(await this.execStream(argv), this.target.label, options);
  }

  /** One `true` over ssh, so a refused certificate shows up at connect time with its own step. */
  async checkLogin(): Promise<void> {
    const result = await this.exec(['true'], { timeoutMs: this.options.readyTimeoutMs + 5000 });
    if (result.code !== 0) throw sshFailure(this.target, this.hop, result.stderr);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.running]) stop();
    void this.files.remove();
    closeClients(this.via.map((h) => h.client));
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  private assertOpen(): void {
    if (this.closed) throw new SshExecError('closed', `The connection to ${this.target.label} is closed`);
  }
}

/** Logs in to `target` with its certificate through the OpenSSH client, after the (verified) hops `via`. */
export async function connectOpenSsh(
  target: SshTarget & { auth: CertificateAuth },
  hop: number,
  via: readonly ConnectedHop[],
  verifiedHops: readonly VerifiedHostKey[],
  options: HopOptions,
): Promise<OpenSshConnection> {
  loadPrivateKey(target, hop, target.auth.privateKey, target.auth.passphrase);
  const last = via.at(-1);
  const sock = last
    ? await forwardThrough(last.client, last.label, target, hop, options)
    : await openTcp(target, hop, options);
  options.onStep?.({ hop, label: target.label, phase: 'handshake' });
  const seen = describeHostKey(
    await probeHostKey(target, hop, sock, options.readyTimeoutMs),
    target.host,
    target.port,
    hop,
  );
  const decision = await options.verifyHostKey(seen);
  if (!decision.trust) throw hostKeyError(target, hop, seen, decision);
  options.onStep?.({ hop, label: target.label, phase: 'host_key_trusted', fingerprint: seen.fingerprint });
  options.onStep?.({ hop, label: target.label, phase: 'auth' });
  const files = await writeCertificateFiles(target.auth, seen);
  const hostKeys = [
    ...verifiedHops,
    {
      hop,
      label: target.label,
      host: target.host,
      port: target.port,
      algorithm: seen.algorithm,
      fingerprint: seen.fingerprint,
    },
  ];
  const connection = new OpenSshConnection(target, hop, via, files, seen, hostKeys, options);
  try {
    await connection.checkLogin();
  } catch (error) {
    connection.close();
    if (error instanceof SshExecError)
      throw new SshConnectError(
        'timeout',
        hop,
        target.label,
        `${describeTarget(target)} did not finish logging in in time`,
      );
    throw error;
  }
  options.onStep?.({ hop, label: target.label, phase: 'ready' });
  return connection;
}
