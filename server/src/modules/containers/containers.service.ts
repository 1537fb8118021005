import type { BulkActionBody, BulkActionResults, ContainerAction, HostContainers } from '@archnest/contract';
import {
  DockerInputError,
  DockerOperationError,
  SourceUnavailableError,
  type ContainerSource,
  type ExecShell,
  type ListOptions,
  type LogOptions,
} from '../../docker';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import { mapLimited } from '../../util/limiter';
import type { ContainerSources } from './container-sources';

/** Bulk actions in flight at once (each its own audited request to its host). */
export const BULK_CONCURRENCY = 4;

/** Turns a source's failure into the API's answer: 503 per host, 400 bad input, 404/409/502 from Docker. */
export function toAppError(error: unknown): unknown {
  if (error instanceof SourceUnavailableError) return new AppError(503, 'docker_unavailable', error.message);
  if (error instanceof DockerInputError) return new AppError(400, 'invalid_request', error.message);
  if (error instanceof DockerOperationError) {
    if (error.failure === 'not_found') return new AppError(404, 'not_found', error.message);
    if (error.failure === 'conflict') return new AppError(409, 'docker_conflict', error.message);
    if (error.failure === 'shell_missing') return new AppError(404, 'shell_not_found', error.message);
    return new AppError(502, 'docker_failed', error.message);
  }
  return error;
}

export class ContainersService {
  private readonly actionListeners: ((hostId: string, ref: string, action: ContainerAction) => void)[] = [];

  constructor(
    private readonly sources: ContainerSources,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Never throws for a host that is down: the answer carries the error instead, within the timeout. */
  async list(hostId: string, options: ListOptions): Promise<HostContainers> {
    const { source } = await this.sources.forHost(hostId);
    const fetchedAt = this.clock.now().toISOString();
    try {
      return { hostId, containers: await source.list(options), error: null, fetchedAt };
    } catch (error) {
      const mapped = toAppError(error);
      if (mapped instanceof AppError && mapped.status >= 500)
        return { hostId, containers: [], error: mapped.message, fetchedAt };
      throw mapped;
    }
  }

  inspect(hostId: string, ref: string) {
    return this.call(hostId, (s) => s.inspect(ref));
  }

  logs(hostId: string, ref: string, options: LogOptions) {
    return this.call(hostId, (s) => s.logs(ref, options));
  }

  followLogs(hostId: string, ref: string, options: LogOptions) {
    return this.call(hostId, (s) => s.followLogs(ref, options));
  }

  stats(hostId: string, ref: string) {
    return this.call(hostId, (s) => s.stats(ref));
  }

  images(hostId: string) {
    return this.call(hostId, (s) => s.images());
  }

  volumes(hostId: string) {
    return this.call(hostId, (s) => s.volumes());
  }

  networks(hostId: string) {
    return this.call(hostId, (s) => s.networks());
  }

  exec(hostId: string, ref: string, cols: number, rows: number, shell: ExecShell = 'sh') {
    return this.call(hostId, (s) => s.exec(ref, { cols, rows, shell }));
  }

  /** One audited action per target, at most BULK_CONCURRENCY at once; each answers for itself. */
  async bulk(actor: Actor, body: BulkActionBody): Promise<BulkActionResults> {
    const results = await mapLimited(body.targets, BULK_CONCURRENCY, async ({ hostId, ref }) => {
      try {
        await this.act(actor, hostId, ref, body.action, false);
        return { hostId, ref, ok: true, error: null, message: null };
      } catch (error) {
        const mapped = toAppError(error);
        return {
          hostId,
          ref,
          ok: false,
          error: mapped instanceof AppError ? mapped.code : 'internal',
          message: mapped instanceof AppError ? mapped.message : 'The action failed.',
        };
      }
    });
    return { results };
  }

  /** Every mutating action is audited with its outcome, including refusals and failures. */
  async act(
    actor: Actor,
    hostId: string,
    ref: string,
    action: ContainerAction,
    force: boolean,
  ): Promise<void> {
    const { row, source } = await this.sources.forHost(hostId);
    const record = (result: string, message?: string) =>
      this.audit.record(actor, {
        action: `container.${action}`,
        targetType: 'container',
        targetId: ref,
        targetName: `${row.name}/${ref}`,
        detail: {
          hostId,
          host: row.name,
          result,
          ...(force ? { force } : {}),
          ...(message ? { message } : {}),
        },
      });
    try {
      await source.act(ref, action, { force });
    } catch (error) {
      const mapped = toAppError(error);
      await record('failed', mapped instanceof Error ? mapped.message : 'unknown error');
      throw mapped;
    }
    await record('ok');
    for (const listener of this.actionListeners) listener(hostId, ref, action);
  }

  /** Told after a user's action succeeded: alert rules do not call a container a user stopped unexpected. */
  onAction(listener: (hostId: string, ref: string, action: ContainerAction) => void): void {
    this.actionListeners.push(listener);
  }

  async test(
    hostId: string,
  ): Promise<{ ok: boolean; message: string; containers: number | null; durationMs: number }> {
    const started = Date.now();
    const result = await this.list(hostId, { all: true });
    return {
      ok: result.error === null,
      message: result.error ?? `Docker answered with ${result.containers.length} container(s).`,
      containers: result.error === null ? result.containers.length : null,
      durationMs: Date.now() - started,
    };
  }

  private async call<T>(hostId: string, work: (source: ContainerSource) => Promise<T>): Promise<T> {
    const { source } = await this.sources.forHost(hostId);
    try {
      return await work(source);
    } catch (error) {
      throw toAppError(error);
    }
  }
}
