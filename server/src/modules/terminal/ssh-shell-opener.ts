import { connectSsh } from '../../ssh';
import type { HostKeyService } from '../hosts/host-key.service';
import type { ConnectionHop } from '../hosts/hosts.service';
import { hostKeyVerifier, toSshTargets } from '../hosts/ssh-targets';
import type { OpenedShell, OpenShellOptions, ShellOpener } from './shell-opener';

export interface SshShellOpenerOptions {
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
}

/** Opens terminal shells through `ssh/` with the stored host keys plus the user's live answers. */
export class SshShellOpener implements ShellOpener {
  constructor(
    private readonly hostKeys: HostKeyService,
    private readonly options: SshShellOpenerOptions,
  ) {}

  async openShell(plan: ConnectionHop[], options: OpenShellOptions): Promise<OpenedShell> {
    const connection = await connectSsh(toSshTargets(plan, options.answerPrompts), {
      verifyHostKey: hostKeyVerifier(plan, this.hostKeys, (verdict) =>
        verdict.trust ? Promise.resolve(verdict) : options.decide(verdict),
      ),
      readyTimeoutMs: this.options.readyTimeoutMs,
      keepaliveIntervalMs: this.options.keepaliveIntervalMs,
    });
    try {
      const shell = await connection.shell({
        cols: options.cols,
        rows: options.rows,
        term: 'xterm-256color',
      });
      const target = connection.hostKeys.at(-1);
      return { shell, fingerprint: target?.fingerprint ?? '', close: () => connection.close() };
    } catch (error) {
      connection.close();
      throw error;
    }
  }
}
