import type { ShellChannel } from '../ssh';
import { cliFailure, transportFailure } from './cli-errors';
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
  StatsReading,
  VolumeSummary,
} from './container-source';
import { DialStdioAgent } from './dial-stdio-agent';
import type { DockerObjects } from './docker-objects';
import { SourceUnavailableError } from './docker-errors';
import { EngineApiSource } from './engine-api-source';
import { reuseConnection, type ReusedConnection } from './reused-connection';
import { SshCliSource, type SshCliSourceOptions } from './ssh-cli-source';
import { checkTimeout } from './source-input';

/** How a Docker-over-SSH host is spoken to, once known. */
export type SshDockerTransport = 'dial-stdio' | 'cli';

/*
 * Docker over SSH. Docker's CLI can relay the Engine API over its stdio (`docker system dial-stdio`,
 * what Docker's own ssh:// contexts run), so the daemon is asked in the Engine API on channels of the
 * host's one reused SSH connection, without starting a CLI per call. The first call finds out whether
 * the host can do that; where it cannot (Podman, an old CLI), every call uses the CLI instead.
 */
export class SshDockerSource implements ContainerSource {
  readonly kind = 'ssh';
  readonly label: string;
  private readonly connection: ReusedConnection;
  private readonly cli: SshCliSource;
  private readonly engine: EngineApiSource | undefined;
  private readonly agent: DialStdioAgent | undefined;
  private readonly timeoutMs: number;
  private decided: SshDockerTransport | undefined;
  private deciding: Promise<SshDockerTransport> | undefined;

  constructor(options: SshCliSourceOptions) {
    this.label = options.label;
    this.timeoutMs = checkTimeout(options.timeoutMs);
    this.connection = reuseConnection(options.connect);
    // Validates binary and dockerHost; shares the one connection.
    this.cli = new SshCliSource({ ...options, connect: () => this.connection.get() });
    const binary = options.binary ?? 'docker';
    if (/(^|\/)podman$/.test(binary)) {
      this.decided = 'cli'; // Podman's API differs from Docker's in details; its CLI is the contract.
      return;
    }
    const argv = [binary, ...(options.dockerHost ? ['-H', options.dockerHost] : []), 'system', 'dial-stdio'];
    this.agent = new DialStdioAgent(async () => (await this.connection.get()).execStream(argv));
    this.engine = new EngineApiSource({
      label: options.label,
      endpoint: { dialer: this.agent },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  /** Which way this host is spoken to; undefined until the first call found out. */
  get transport(): SshDockerTransport | undefined {
    return this.decided;
  }

  private async pick(): Promise<ContainerSource> {
    const transport = this.decided ?? (await (this.deciding ??= this.decide()));
    return transport === 'dial-stdio' && this.engine ? this.engine : this.cli;
  }

  /** One ping through dial-stdio; a CLI that cannot dial (and says so at once) means the CLI path. */
  private async decide(): Promise<SshDockerTransport> {
    try {
      // A failed login must fail this call with its own words, and decide nothing.
      await this.connection.get().catch((error: unknown) => {
        throw transportFailure(error, this.label, this.timeoutMs);
      });
      this.agent!.takeDialFailure();
      try {
        await this.engine!.ping();
        this.decided = 'dial-stdio';
      } catch (error) {
        const failure = this.agent!.takeDialFailure();
        if (!failure) throw error;
        const reason = cliFailure(this.label, 'docker', 'Docker', failure.exitCode ?? null, failure.stderr);
        // The daemon being down is not a reason to give up on dial-stdio.
        if (reason instanceof SourceUnavailableError && failure.exitCode !== 127) throw reason;
        this.decided = 'cli';
      }
      return this.decided;
    } finally {
      this.deciding = undefined;
    }
  }

  /** Runs a call on the chosen path; a dial that failed says why in Docker's own words. */
  private async use<T>(call: (source: ContainerSource) => Promise<T>): Promise<T> {
    const source = await this.pick();
    if (source === this.cli) return call(source);
    try {
      return await call(source);
    } catch (error) {
      const failure = this.agent?.takeDialFailure();
      if (failure && error instanceof SourceUnavailableError)
        throw cliFailure(this.label, 'docker', 'Docker', failure.exitCode ?? null, failure.stderr);
      throw error;
    }
  }

  list(options?: ListOptions): Promise<ContainerSummary[]> {
    return this.use((s) => s.list(options));
  }

  inspect(ref: string): Promise<ContainerDetail> {
    return this.use((s) => s.inspect(ref));
  }

  logs(ref: string, options?: LogOptions): Promise<LogChunk[]> {
    return this.use((s) => s.logs(ref, options));
  }

  followLogs(ref: string, options?: LogOptions): Promise<LogStream> {
    return this.use((s) => s.followLogs(ref, options));
  }

  act(ref: string, action: ContainerAction, options?: ActionOptions): Promise<void> {
    return this.use((s) => s.act(ref, action, options));
  }

  stats(ref: string): Promise<ContainerStats> {
    return this.use((s) => s.stats(ref));
  }

  /** Through dial-stdio only: over the CLI a reading would cost a CLI start per container. */
  async readStats(ref: string, earlier?: unknown): Promise<StatsReading | null> {
    const source = await this.pick();
    return source === this.engine ? this.engine.readStats(ref, earlier) : null;
  }

  exec(ref: string, options: ExecOptions): Promise<ShellChannel> {
    return this.use((s) => s.exec(ref, options));
  }

  images(): Promise<ImageSummary[]> {
    return this.use((s) => s.images());
  }

  volumes(): Promise<VolumeSummary[]> {
    return this.use((s) => s.volumes());
  }

  networks(): Promise<NetworkSummary[]> {
    return this.use((s) => s.networks());
  }

  /** Only over dial-stdio: the CLI fallback answers `unsupported` (see docs/docker-objects.md). */
  async objects(): Promise<DockerObjects> {
    const source = await this.pick();
    if (source === this.cli || !this.engine) return this.cli.objects();
    return this.engine.objects();
  }

  close(): void {
    this.agent?.destroy();
    this.connection.close();
  }
}
