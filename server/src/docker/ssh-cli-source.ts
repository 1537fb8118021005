import type { ShellChannel, ExecResult, SshConnection } from '../ssh';
import { cliFailure, transportFailure } from './cli-errors';
import { cliLogStream } from './cli-log-stream';
import { cliContainer, cliImage, cliNetwork, cliVolume, jsonLines } from './cli-parse';
import { applyFilter, parseInspect } from './container-parse';
import { checkContainerRef } from './container-ref';
import type {
  ActionOptions,
  ContainerAction,
  ContainerDetail,
  ContainerSource,
  ContainerStats,
  ContainerSummary,
  ExecOptions,
  ImageSummary,
  ListOptions,
  LogChunk,
  LogOptions,
  LogStream,
  NetworkSummary,
  VolumeSummary,
} from './container-source';
import { DockerInputError, DockerOperationError, notRunning, shellMissing } from './docker-errors';
import type { DockerObjects } from './docker-objects';
import { reuseConnection, type ReusedConnection, type SshConnectionProvider } from './reused-connection';
import { checkAction, checkExecOptions, checkLogOptions, checkTimeout } from './source-input';
import { cliStats } from './stats';
import { withTimeout } from './with-timeout';

export interface SshCliSourceOptions {
  label: string;
  /** Opens an SSH connection to the host (see hostConnector); the source keeps and reuses one. */
  connect: SshConnectionProvider;
  /** `docker` (default), `podman`, or an absolute path to either. */
  binary?: string;
  /** The daemon the CLI talks to, when not its default: `unix:///absolute/path` only. */
  dockerHost?: string;
  /** Per call; default 5 s. */
  timeoutMs?: number;
}

const BINARY = /^(?:(?:\/[A-Za-z0-9_.-]+)*\/)?(docker|podman)$/;
const DOCKER_HOST = /^unix:\/\/\/[A-Za-z0-9_./-]+$/;
const JSON_FORMAT = ['--format', '{{json .}}'];
/** stop/restart/rm wait for the container's grace period (10 s by default) before Docker answers. */
const GRACE_MS = 15_000;

/*
 * Docker over SSH: the `docker` CLI on the host, over the one SSH path (jump chains, host-key checks,
 * every auth method). Only fixed verbs run; the only caller-supplied words are a container reference
 * that passed the allowlist and a validated number, and SshConnection quotes every argument, so no
 * input ever reaches the remote shell as syntax.
 */
export class SshCliSource implements ContainerSource {
  readonly kind = 'ssh-cli';
  readonly label: string;
  private readonly connection: ReusedConnection;
  private readonly binary: string;
  private readonly cli: string[];
  private readonly timeoutMs: number;

  constructor(options: SshCliSourceOptions) {
    this.label = options.label;
    this.timeoutMs = checkTimeout(options.timeoutMs);
    const binary = options.binary ?? 'docker';
    const flavor = BINARY.exec(binary)?.[1];
    if (!flavor || binary.includes('..'))
      throw new DockerInputError(
        'The container CLI must be "docker", "podman", or an absolute path to one of them.',
      );
    if (options.dockerHost !== undefined && !DOCKER_HOST.test(options.dockerHost))
      throw new DockerInputError('The Docker host for the CLI must look like unix:///path/to/docker.sock.');
    this.binary = flavor;
    // Podman's remote flag is --url; docker's is -H.
    const hostFlag = flavor === 'podman' ? '--url' : '-H';
    this.cli = [binary, ...(options.dockerHost ? [hostFlag, options.dockerHost] : [])];
    this.connection = reuseConnection(options.connect);
  }

  /** Runs `<cli> ...args` and returns its stdout; a non-zero exit becomes a typed error. */
  private run(args: string[], what: string, subject: string, extraMs = 0): Promise<string> {
    const within = this.timeoutMs + extraMs;
    return this.bounded(what, within, async (connection) => {
      const result: ExecResult = await connection.exec([...this.cli, ...args], { timeoutMs: within });
      if (result.code !== 0) throw cliFailure(this.label, this.binary, subject, result.code, result.stderr);
      return result.stdout;
    });
  }

  private bounded<T>(
    what: string,
    within: number,
    use: (connection: SshConnection) => Promise<T>,
    dispose?: (late: T) => void,
  ): Promise<T> {
    return withTimeout(
      this.label,
      what,
      within,
      async () => {
        try {
          return await use(await this.connection.get());
        } catch (error) {
          throw transportFailure(error, this.label, within);
        }
      },
      dispose,
    );
  }

  async list(options: ListOptions = {}): Promise<ContainerSummary[]> {
    const all = options.all ?? true;
    const out = await this.run(
      ['ps', ...(all ? ['-a'] : []), '--no-trunc', ...JSON_FORMAT],
      'listing containers',
      'Containers',
    );
    return applyFilter(jsonLines(out, this.label).map(cliContainer), options);
  }

  async inspect(ref: string): Promise<ContainerDetail> {
    const id = checkContainerRef(ref);
    const out = await this.run(
      ['container', 'inspect', '--', id],
      'inspecting a container',
      `Container ${id}`,
    );
    const first = firstOfJsonArray(out);
    if (!first)
      throw new DockerOperationError(
        'failed',
        `${this.binary} on ${this.label} printed no container for ${id}.`,
      );
    return parseInspect(first);
  }

  private logArgs(id: string, options: LogOptions, follow: boolean): string[] {
    const { tail, timestamps } = checkLogOptions(options);
    return [
      'logs',
      '--tail',
      String(tail),
      ...(timestamps ? ['--timestamps'] : []),
      ...(follow ? ['--follow'] : []),
      '--',
      id,
    ];
  }

  async logs(ref: string, options: LogOptions = {}): Promise<LogChunk[]> {
    const id = checkContainerRef(ref);
    const args = this.logArgs(id, options, false);
    // docker logs copies the container's stdout and stderr to its own; the order between the two is lost.
    return this.bounded('reading logs', this.timeoutMs, async (connection) => {
      const result = await connection.exec([...this.cli, ...args], { timeoutMs: this.timeoutMs });
      if (result.code !== 0)
        throw cliFailure(this.label, this.binary, `Container ${id}`, result.code, result.stderr);
      const chunks: LogChunk[] = [];
      if (result.stdout) chunks.push({ stream: 'stdout', text: result.stdout });
      if (result.stderr) chunks.push({ stream: 'stderr', text: result.stderr });
      return chunks;
    });
  }

  async followLogs(ref: string, options: LogOptions = {}): Promise<LogStream> {
    const id = checkContainerRef(ref);
    const args = this.logArgs(id, options, true);
    // A missing container should fail here with a clear error, not as a stream that ends at once.
    await this.run(
      ['container', 'inspect', '--format', '{{.Id}}', '--', id],
      'following logs',
      `Container ${id}`,
    );
    return this.bounded(
      'following logs',
      this.timeoutMs,
      async (connection) => {
        const running = await connection.execStream([...this.cli, ...args]);
        running.stdin.end();
        return cliLogStream(running);
      },
      (late) => late.close(),
    );
  }

  async act(ref: string, action: ContainerAction, options: ActionOptions = {}): Promise<void> {
    const id = checkContainerRef(ref);
    const verb = checkAction(action);
    const args =
      verb === 'remove' ? ['rm', ...(options.force === true ? ['-f'] : []), '--', id] : [verb, '--', id];
    const slow = verb === 'stop' || verb === 'restart' || verb === 'remove';
    await this.run(args, `${verb} ${id}`, `Container ${id}`, slow ? GRACE_MS : 0);
  }

  async stats(ref: string): Promise<ContainerStats> {
    const id = checkContainerRef(ref);
    const out = await this.run(
      ['stats', '--no-stream', '--no-trunc', ...JSON_FORMAT, '--', id],
      'reading stats',
      `Container ${id}`,
    );
    const line = jsonLines(out, this.label)[0];
    if (!line) throw new DockerOperationError('not_found', `Container ${id} on ${this.label}: no stats`);
    return cliStats(line, new Date().toISOString());
  }

  async exec(ref: string, options: ExecOptions): Promise<ShellChannel> {
    const id = checkContainerRef(ref);
    const { cols, rows, shell } = checkExecOptions(options);
    // `docker exec` on a stopped container would only print Docker's error into the terminal.
    const state = await this.run(
      ['container', 'inspect', '--format', '{{.State.Running}}', '--', id],
      'starting a shell',
      `Container ${id}`,
    );
    if (state.trim() !== 'true') throw notRunning(`Container ${id}`, this.label);
    // A shell missing from the image would only print the runtime's error into the terminal.
    const probe = await this.bounded('starting a shell', this.timeoutMs, (connection) =>
      connection.exec([...this.cli, 'exec', id, shell, '-c', 'exit 0'], { timeoutMs: this.timeoutMs }),
    );
    if (probe.code === 126 || probe.code === 127) throw shellMissing(shell, `Container ${id}`, this.label);
    return this.bounded(
      'starting a shell',
      this.timeoutMs,
      (connection) => connection.execPty([...this.cli, 'exec', '-it', id, shell], { cols, rows }),
      (late) => late.close(),
    );
  }

  async images(): Promise<ImageSummary[]> {
    const out = await this.run(['image', 'ls', '--no-trunc', ...JSON_FORMAT], 'listing images', 'Images');
    return jsonLines(out, this.label).map(cliImage);
  }

  async volumes(): Promise<VolumeSummary[]> {
    const out = await this.run(['volume', 'ls', ...JSON_FORMAT], 'listing volumes', 'Volumes');
    return jsonLines(out, this.label).map(cliVolume);
  }

  async networks(): Promise<NetworkSummary[]> {
    const out = await this.run(
      ['network', 'ls', '--no-trunc', ...JSON_FORMAT],
      'listing networks',
      'Networks',
    );
    return jsonLines(out, this.label).map(cliNetwork);
  }

  /** The CLI path lists, but inspecting, removing, pruning and pulling need the Engine API. */
  objects(): Promise<DockerObjects> {
    return Promise.reject(
      new DockerOperationError(
        'unsupported',
        `${this.label} is reached through the ${this.binary} CLI, not the Engine API: images, volumes and networks can be listed but not inspected, removed, pruned or pulled here.`,
      ),
    );
  }

  close(): void {
    this.connection.close();
  }
}

/** `docker inspect` prints a JSON array (pretty-printed, so not one object per line). */
function firstOfJsonArray(text: string): unknown {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed[0] : undefined;
  } catch {
    return undefined;
  }
}
