import type { Client, ClientChannel } from 'ssh2';
import { collectExec } from './exec-collect';
import { commandLine } from './quote-arg';
import { ssh2ShellChannel, type ShellChannel, type ShellExit, type TransportControl } from './shell-channel';
import { SshExecError } from './ssh-connect-error';
import type {
  ExecOptions,
  ExecResult,
  ExecStream,
  ShellOptions,
  SshConnection,
  VerifiedHostKey,
} from './ssh-connection';
import type { ConnectedHop } from './ssh2-hop';
import { TransportHold } from './transport-hold';

function channelExit(channel: ClientChannel): Promise<ShellExit> {
  return new Promise((resolve) => {
    let exit: ShellExit = { code: null };
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = signal ? { code: null, signal } : { code: typeof code === 'number' ? code : null };
    });
    channel.on('close', () => resolve(exit));
  });
}

/** Closes a chain of ssh2 clients, target first, so no hop is torn down under a live channel. */
export function closeClients(clients: readonly Client[]): void {
  for (const client of [...clients].reverse()) client.end();
}

/** A chain logged in end to end with ssh2: the last client is the target. */
export class Ssh2Connection implements SshConnection {
  readonly transport = 'ssh2';
  readonly hostKeys: readonly VerifiedHostKey[];
  private readonly target: Client;
  private readonly closeListeners: (() => void)[] = [];
  private closed = false;
  private readonly hold: TransportHold;
  /** Channels opened or being opened on the target; a hold is only for a connection's sole channel. */
  private channels = 0;

  /** `holdLimitMs`: the longest the target's socket goes unread for a slow channel (the keepalive interval). */
  constructor(
    private readonly hops: readonly ConnectedHop[],
    private readonly label: string,
    hostKeys: readonly VerifiedHostKey[],
    holdLimitMs: number,
  ) {
    const last = hops.at(-1);
    if (!last) throw new Error('a connection needs at least one host');
    this.target = last.client;
    this.hostKeys = hostKeys;
    this.hold = new TransportHold(last.sock, holdLimitMs);
    // Any hop going away takes everything behind it down too.
    for (const hop of hops) hop.client.once('close', () => this.close());
  }

  shell(options: ShellOptions): Promise<ShellChannel> {
    this.opening();
    return new Promise((resolve, reject) => {
      this.target.shell(
        { cols: options.cols, rows: options.rows, term: options.term ?? 'xterm-256color' },
        (error, channel) => {
          if (error) {
            this.channels--;
            reject(new SshExecError('closed', `${this.label} refused to open a shell: ${error.message}`));
          } else resolve(ssh2ShellChannel(this.opened(channel), this.soleChannelHold));
        },
      );
    });
  }

  execStream(argv: readonly string[]): Promise<ExecStream> {
    const command = commandLine(argv);
    this.opening();
    return new Promise((resolve, reject) => {
      this.target.exec(command, (error, channel) => {
        if (error) {
          this.channels--;
          reject(new SshExecError('closed', `${this.label} refused to run a command: ${error.message}`));
          return;
        }
        this.opened(channel);
        resolve({
          stdout: channel,
          stderr: channel.stderr,
          stdin: channel,
          exit: channelExit(channel),
          close: () => channel.close(),
        });
      });
    });
  }

  async execPty(argv: readonly string[], options: ShellOptions): Promise<ShellChannel> {
    const command = commandLine(argv);
    const pty = { cols: options.cols, rows: options.rows, term: options.term ?? 'xterm-256color' };
    this.opening();
    return new Promise((resolve, reject) => {
      this.target.exec(command, { pty }, (error, channel) => {
        if (error) {
          this.channels--;
          reject(new SshExecError('closed', `${this.label} refused to run a command: ${error.message}`));
        } else resolve(ssh2ShellChannel(this.opened(channel), this.soleChannelHold));
      });
    });
  }

  async exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    return collectExec(await this.execStream(argv), this.label, options);
  }

  /** The open confirmation must be read, so a channel being opened ends any hold. */
  private opening(): void {
    this.channels++;
    this.hold.releaseAll();
  }

  private opened(channel: ClientChannel): ClientChannel {
    channel.once('close', () => {
      this.channels--;
      this.hold.releaseAll();
    });
    return channel;
  }

  private readonly soleChannelHold: TransportControl = {
    hold: (reason) => {
      if (this.channels === 1) this.hold.hold(reason);
    },
    release: (reason) => this.hold.release(reason),
  };

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.hold.releaseAll();
    closeClients(this.hops.map((h) => h.client));
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }
}
