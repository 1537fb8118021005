export type SshConnectStep = 'dns' | 'tcp' | 'host_key' | 'auth' | 'timeout' | 'protocol';

export interface HostKeyProblem {
  reason: 'unknown' | 'changed';
  algorithm: string;
  /** The fingerprint the server presented. */
  fingerprint: string;
  /** The pinned fingerprint, when the verifier knew one. */
  expectedFingerprint?: string;
  publicKey: string;
}

/**
 * Why a connection could not be made, in words a user can act on. Messages are built here from known
 * facts (host, port, user, step) and never include passwords, keys or passphrases; the underlying
 * library error is not attached, because its message is not ours to vouch for.
 */
export class SshConnectError extends Error {
  override readonly name = 'SshConnectError';

  constructor(
    readonly step: SshConnectStep,
    readonly hop: number,
    readonly hopLabel: string,
    message: string,
    readonly hostKey?: HostKeyProblem,
  ) {
    super(message);
  }

  toJSON() {
    return {
      name: this.name,
      step: this.step,
      hop: this.hop,
      hopLabel: this.hopLabel,
      message: this.message,
      ...(this.hostKey ? { hostKey: this.hostKey } : {}),
    };
  }
}

export type SshExecFailure = 'timeout' | 'output_limit' | 'closed';

/** A command that ran (or started) on a connected host but did not finish normally. */
export class SshExecError extends Error {
  override readonly name = 'SshExecError';

  constructor(
    readonly reason: SshExecFailure,
    message: string,
  ) {
    super(message);
  }
}
