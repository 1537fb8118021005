import type { Readable, Writable } from 'node:stream';
import type { ShellChannel, ShellExit } from './shell-channel';

export interface VerifiedHostKey {
  hop: number;
  label: string;
  host: string;
  port: number;
  algorithm: string;
  fingerprint: string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit status; null when the command ended by signal. */
  code: number | null;
}

export interface ExecOptions {
  /** Default 30 s; the command is closed and the call fails when it runs longer. */
  timeoutMs?: number;
  /** Per stream, default 4 MiB; the command is closed and the call fails past it. */
  maxOutputBytes?: number;
}

/** A running command with its streams, for output too large or too long-lived to collect. */
export interface ExecStream {
  stdout: Readable;
  stderr: Readable;
  stdin: Writable;
  exit: Promise<ShellExit>;
  close(): void;
}

export interface ShellOptions {
  cols: number;
  rows: number;
  /** Default xterm-256color. */
  term?: string;
}

/** A logged-in session on the target, whatever carried it there. */
export interface SshConnection {
  /** How the target is reached: ssh2 in-process, or the OpenSSH client for certificate logins. */
  readonly transport: 'ssh2' | 'openssh';
  /** The host key verified for each machine in the chain, hop order. */
  readonly hostKeys: readonly VerifiedHostKey[];
  shell(options: ShellOptions): Promise<ShellChannel>;
  /** Runs argv on the target; every argument is single-quoted, so nothing in it is interpreted. */
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  execStream(argv: readonly string[]): Promise<ExecStream>;
  /** Runs argv (quoted like exec) in a pty, for interactive programs; the channel resizes like a shell. */
  execPty(argv: readonly string[], options: ShellOptions): Promise<ShellChannel>;
  /** Closes the target, then the hops in reverse order. */
  close(): void;
  /** Fires once when the connection ends, by close() or because a hop or the target went away. */
  onClose(listener: () => void): void;
}
