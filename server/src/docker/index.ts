// What routes and services use of Docker: the source interface, both sources and their errors.
export { checkContainerRef } from './container-ref';
export * from './container-source';
export {
  DockerInputError,
  DockerOperationError,
  SourceUnavailableError,
  type DockerFailure,
} from './docker-errors';
export { EngineApiSource, type EngineApiSourceOptions, type EngineEndpoint } from './engine-api-source';
export { reuseConnection, type ReusedConnection, type SshConnectionProvider } from './reused-connection';
export { isSecretEnvName, maskEnv, MASK } from './secret-env';
export { SshCliSource, type SshCliSourceOptions } from './ssh-cli-source';
export { SshDockerSource, type SshDockerTransport } from './ssh-docker-source';
export type { DockerObjects, PruneOptions, PullStream } from './docker-objects';
export { PullAgentSource, type PullAgentSourceOptions } from './pull-agent/pull-agent-source';
export { PinMismatchError } from './pull-agent/pinned-tls-agent';
