import type { Client, ClientChannel } from 'ssh2';
import { collectExec } from './exec-collect';
import { commandLine } from './quote-arg';
import { ssh2ShellChannel, type ShellChannel, type ShellExit } from './shell-channel';
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

  constructor(
    private readonly hops: readonly ConnectedHop[],
    private readonly label: string,
    hostKeys: readonly VerifiedHostKey[],
  ) {
    const last = hops.at(-1);
    if (!last) throw new Error('a connection needs at least one host');
    this.target = last.client;
    this.hostKeys = hostKeys;
    // Any hop going away takes everything behind it down too.
    for (const hop of hops) hop.client.once('close', () => this.close());
  }

  shell(options: ShellOptions): Promise<ShellChannel> {
    return new Promise((resolve, reject) => {
      this.target.shell(
        { cols: options.cols, rows: options.rows, term: options.term ?? 'xterm-256color' },
        (error, channel) => {
          if (error)
            reject(new SshExecError('closed', `${this.label} refused to open a shell: ${error.message}`));
          else resolve(ssh2ShellChannel(channel));
        },
      );
    });
  }

  execStream(argv: readonly string[]): Promise<ExecStream> {
    const command = commandLine(argv);
    return new Promise((resolve, reject) => {
      this.target.exec(command, (error, channel) => {
        if (error) {
          reject(new SshExecError('closed', `${this.label} refused to run a command: ${error.message}`));
          return;
        }
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
    return new Promise((resolve, reject) => {
      this.target.exec(command, { pty }, (error, channel) => {
        if (error)
          reject(new SshExecError('closed', `${this.label} refused to run a command: ${error.message}`));
        else resolve(ssh2ShellChannel(channel));
      });
    });
  }

  async exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    return collectExec(await this.execStream(argv), this.label, options);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeClients(this.hops.map((h) => h.client));
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }
}
