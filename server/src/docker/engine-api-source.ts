import type http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { lazyRequire } from '../util/lazy-require';

const loadDocker = lazyRequire<typeof Docker>('dockerode');
import type { ShellChannel } from '../ssh';
import { applyFilter, containerState, parseInspect, trimName } from './container-parse';
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
  StatsReading,
  VolumeSummary,
} from './container-source';
import { DockerInputError, shellMissing } from './docker-errors';
import { engineError } from './engine-errors';
import { engineExecChannel, engineShellPresent } from './engine-exec-channel';
import { EngineObjects } from './engine-objects';
import { defined, isoTime, stringRecord } from './json-read';
import { LogFrameReader, logStreamOver } from './log-frames';
import { checkAction, checkExecOptions, checkLogOptions, checkTimeout } from './source-input';
import { engineStats, hasPreviousCpu } from './stats';
import { withTimeout } from './with-timeout';

/**
 * Where the daemon listens: a local unix socket, or TCP. With `tls` the daemon's certificate must be
 * signed by `ca` (always verified), and `cert` + `key` are presented as the client certificate.
 * `dialer` is an HTTP agent that makes its own connections (Docker over SSH's dial-stdio).
 */
export type EngineEndpoint =
  | { socketPath: string }
  | { host: string; port: number; tls?: { ca: string; cert?: string; key?: string } }
  | { dialer: http.Agent };

export interface EngineApiSourceOptions {
  label: string;
  endpoint: EngineEndpoint;
  /** Per call; default 5 s. */
  timeoutMs?: number;
}

const SAMPLE_GAP_MS = 1000;

/** Docker's own default tail is everything, so `all` is simply no tail. */
function logQuery(tail: number | 'all', timestamps: boolean) {
  return { stdout: true, stderr: true, timestamps, ...(tail === 'all' ? {} : { tail }) };
}

/*
 * dockerode is only ever given a socket or an http(s) endpoint: its `ssh` protocol would bypass
 * ArchNest's host-key verification, so Docker over SSH goes through ssh-cli-source instead.
 */
function dockerClient(endpoint: EngineEndpoint): Docker {
  // The host name is only what the Host header says: the agent decides where bytes go.
  if ('dialer' in endpoint)
    return new (loadDocker())({
      protocol: 'http',
      host: 'docker',
      port: 80,
      agent: endpoint.dialer,
    } as Docker.DockerOptions);
  if ('socketPath' in endpoint) {
    if (!endpoint.socketPath.startsWith('/'))
      throw new DockerInputError('A Docker socket path must be absolute.');
    return new (loadDocker())({ socketPath: endpoint.socketPath });
  }
  if (!Number.isInteger(endpoint.port) || endpoint.port < 1 || endpoint.port > 65535)
    throw new DockerInputError('A Docker port must be a whole number from 1 to 65535.');
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(endpoint.host))
    throw new DockerInputError('A Docker host must be a host name or an IP address.');
  const tls = endpoint.tls;
  if (!tls) return new (loadDocker())({ host: endpoint.host, port: endpoint.port, protocol: 'http' });
  if (Boolean(tls.cert) !== Boolean(tls.key))
    throw new DockerInputError('A TLS client certificate needs both the certificate and its key.');
  const secure = { ca: tls.ca, ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}) };
  const agent = new https.Agent({ ...secure, rejectUnauthorized: true });
  // docker-modem copies ca/cert/key onto each request; the agent pins verification on as well.
  return new (loadDocker())({
    host: endpoint.host,
    port: endpoint.port,
    protocol: 'https',
    ...secure,
    agent,
  } as Docker.DockerOptions);
}

export class EngineApiSource implements ContainerSource {
  readonly kind: ContainerSource['kind'] = 'engine-api';
  readonly label: string;
  private readonly docker: Docker;
  private readonly timeoutMs: number;
  private readonly engineObjects: EngineObjects;

  constructor(options: EngineApiSourceOptions) {
    this.label = options.label;
    this.timeoutMs = checkTimeout(options.timeoutMs);
    this.docker = dockerClient(options.endpoint);
    this.engineObjects = new EngineObjects(this.docker, this.label, this.timeoutMs);
  }

  /** One bounded call; every failure leaves as one of the errors in docker-errors.ts. */
  private call<T>(
    what: string,
    subject: string,
    run: (signal: AbortSignal) => Promise<T>,
    dispose?: (late: T) => void,
  ): Promise<T> {
    return withTimeout(
      this.label,
      what,
      this.timeoutMs,
      async (signal) => {
        try {
          return await run(signal);
        } catch (error) {
          throw engineError(error, this.label, subject);
        }
      },
      dispose,
    );
  }

  async list(options: ListOptions = {}): Promise<ContainerSummary[]> {
    const raw = await this.call('listing containers', 'Containers', (abortSignal) =>
      this.docker.listContainers({ all: options.all ?? true, abortSignal }),
    );
    const list = raw.map((c) => {
      const names = (c.Names ?? []).map(trimName);
      return defined({
        id: c.Id,
        name: names[0] ?? '',
        names,
        image: c.Image,
        imageId: c.ImageID,
        command: c.Command,
        createdAt: isoTime(c.Created),
        state: containerState(c.State),
        status: c.Status,
        labels: stringRecord(c.Labels),
        ports: (c.Ports ?? []).map((p) =>
          defined({ containerPort: p.PrivatePort, protocol: p.Type, hostIp: p.IP, hostPort: p.PublicPort }),
        ),
      });
    });
    return applyFilter(list, options);
  }

  async inspect(ref: string): Promise<ContainerDetail> {
    const id = checkContainerRef(ref);
    const raw = await this.call('inspecting a container', `Container ${id}`, (abortSignal) =>
      this.docker.getContainer(id).inspect({ abortSignal }),
    );
    return parseInspect(raw);
  }

  async logs(ref: string, options: LogOptions = {}): Promise<LogChunk[]> {
    const id = checkContainerRef(ref);
    const { tail, timestamps } = checkLogOptions(options);
    return this.call('reading logs', `Container ${id}`, async (abortSignal) => {
      const container = this.docker.getContainer(id);
      const tty = (await container.inspect({ abortSignal })).Config.Tty;
      const body = await container.logs({ ...logQuery(tail, timestamps), follow: false, abortSignal });
      return new LogFrameReader(tty).push(Buffer.isBuffer(body) ? body : Buffer.from(String(body)));
    });
  }

  async followLogs(ref: string, options: LogOptions = {}): Promise<LogStream> {
    const id = checkContainerRef(ref);
    const { tail, timestamps } = checkLogOptions(options);
    // Only opening the stream is bounded; a followed log is meant to stay open.
    return this.call(
      'following logs',
      `Container ${id}`,
      async (abortSignal) => {
        const container = this.docker.getContainer(id);
        const tty = (await container.inspect({ abortSignal })).Config.Tty;
        const stream = await container.logs({ ...logQuery(tail, timestamps), follow: true });
        // docker-modem hands back the HTTP response itself, a Node Readable typed only as ReadableStream.
        return logStreamOver(stream as Readable, new LogFrameReader(tty));
      },
      (late) => late.close(),
    );
  }

  async act(ref: string, action: ContainerAction, options: ActionOptions = {}): Promise<void> {
    const id = checkContainerRef(ref);
    const verb = checkAction(action);
    const container = this.docker.getContainer(id);
    // stop and restart wait for the container's own grace period (10 s) on top of ours.
    const run = async (abortSignal: AbortSignal): Promise<unknown> => {
      switch (verb) {
        case 'start':
          return (await container.start({ abortSignal })) as unknown;
        case 'stop':
          return (await container.stop({ abortSignal })) as unknown;
        case 'restart':
          return (await container.restart({ abortSignal })) as unknown;
        case 'pause':
          return (await container.pause({ abortSignal })) as unknown;
        case 'unpause':
          return (await container.unpause({ abortSignal })) as unknown;
        case 'remove':
          return (await container.remove({ force: options.force === true, abortSignal })) as unknown;
      }
    };
    const slow = verb === 'stop' || verb === 'restart' || verb === 'remove';
    const within = slow ? this.timeoutMs + 15_000 : this.timeoutMs;
    await withTimeout(this.label, `${verb} ${id}`, within, async (signal) => {
      try {
        await run(signal);
      } catch (error) {
        // 304: already started / already stopped. The CLI treats that as done, and so do we.
        if ((error as { statusCode?: unknown }).statusCode === 304) return;
        throw engineError(error, this.label, `Container ${id}`);
      }
    });
  }

  async stats(ref: string): Promise<ContainerStats> {
    const id = checkContainerRef(ref);
    const container = this.docker.getContainer(id);
    return this.call('reading stats', `Container ${id}`, async (abortSignal) => {
      // dockerode forwards abortSignal for stats too; its typings just do not list it.
      const sample = () => container.stats({ stream: false, abortSignal } as { stream: false });
      const first = await sample();
      if (hasPreviousCpu(first)) return engineStats(id, first);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_GAP_MS));
      const second = await sample();
      return engineStats(id, second, first.cpu_stats);
    });
  }

  async readStats(ref: string, earlier?: unknown): Promise<StatsReading> {
    const id = checkContainerRef(ref);
    const container = this.docker.getContainer(id);
    return this.call('reading stats', `Container ${id}`, async (abortSignal) => {
      // dockerode passes unknown options on as query parameters: ?stream=false&one-shot=true.
      const sample = (await container.stats({ stream: false, 'one-shot': true, abortSignal } as {
        stream: false;
      })) as { cpu_stats?: unknown };
      return { stats: engineStats(id, sample, earlier ?? {}), cpu: sample.cpu_stats };
    });
  }

  async exec(ref: string, options: ExecOptions): Promise<ShellChannel> {
    const id = checkContainerRef(ref);
    const { cols, rows, shell } = checkExecOptions(options);
    await this.call('starting a shell', `Container ${id}`, () =>
      engineShellPresent(this.docker.getContainer(id), shell),
    ).then((present) => {
      if (!present) throw shellMissing(shell, `Container ${id}`, this.label);
    });
    return this.call(
      'starting a shell',
      `Container ${id}`,
      () => engineExecChannel(this.docker.getContainer(id), shell, cols, rows),
      (late) => late.close(),
    );
  }

  /** Images, volumes and networks in detail; lists name the containers that use each. */
  objects(): Promise<EngineObjects> {
    return Promise.resolve(this.engineObjects);
  }

  images(): Promise<ImageSummary[]> {
    return this.engineObjects.images();
  }

  volumes(): Promise<VolumeSummary[]> {
    return this.engineObjects.volumes();
  }

  networks(): Promise<NetworkSummary[]> {
    return this.engineObjects.networks();
  }

  /** `GET /_ping`: the cheapest proof that the daemon answers. */
  async ping(): Promise<void> {
    // dockerode forwards abortSignal for ping too; its typings just do not list it.
    const ping = this.docker.ping.bind(this.docker) as (options: {
      abortSignal: AbortSignal;
    }) => Promise<unknown>;
    await this.call('reaching the daemon', 'Docker', (abortSignal) => ping({ abortSignal }));
  }

  close(): void {
    // Requests hold no connection between calls; nothing to release.
  }
}
