// The SSH module's public surface; nothing outside server/src/ssh imports ssh2 or node-pty.
export { algorithmLists, type AlgorithmLists } from './algorithms';
export { connectSsh, type ConnectOptions } from './connect';
export {
  keyFormat,
  keyTypeName,
  sha256Fingerprint,
  type HostKeyDecision,
  type HostKeyVerifier,
  type SeenHostKey,
} from './host-key';
export { commandLine, quoteArg } from './quote-arg';
export { checkPrivateKey } from './private-key';
export type { ShellChannel, ShellExit } from './shell-channel';
export {
  SshConnectError,
  SshExecError,
  type HostKeyProblem,
  type SshConnectStep,
  type SshExecFailure,
} from './ssh-connect-error';
export type {
  ExecOptions,
  ExecResult,
  ExecStream,
  ShellOptions,
  SshConnection,
  VerifiedHostKey,
} from './ssh-connection';
export type { KeyboardPrompt, SshAuth, SshTarget } from './ssh-target';
export type { SshProgress } from './ssh2-hop';
