import type { ShellChannel } from '../../ssh';
import type { HostKeyVerdict } from '../hosts/host-key.service';
import type { ConnectionHop } from '../hosts/hosts.service';
import type { PromptAnswerer } from '../hosts/ssh-targets';

/** Turns a refused host key into trust when the user accepts it; otherwise passes the refusal on. */
export type HostKeyDecider = (verdict: Exclude<HostKeyVerdict, { trust: true }>) => Promise<HostKeyVerdict>;

export interface OpenShellOptions {
  decide: HostKeyDecider;
  answerPrompts: PromptAnswerer;
  cols: number;
  rows: number;
}

export interface OpenedShell {
  shell: ShellChannel;
  /** Fingerprint of the target's host key, as verified. */
  fingerprint: string;
  close: () => void;
}

/** Connects through a host's hops and starts an interactive shell; the seam between terminal and ssh/. */
export interface ShellOpener {
  openShell(plan: ConnectionHop[], options: OpenShellOptions): Promise<OpenedShell>;
}
