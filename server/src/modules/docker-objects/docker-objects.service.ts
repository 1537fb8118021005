import type { ImageRemoveResult, PruneKind, PrunePreview, PruneResult } from '@archnest/contract';
import { DockerOperationError, type DockerObjects, type PullStream } from '../../docker';
import { AppError } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import type { ContainerSources } from '../containers/container-sources';
import { toAppError } from '../containers/containers.service';

/** A source's failure as the API's answer; in use and "needs the Engine API" have codes of their own. */
export function objectsError(error: unknown): unknown {
  if (error instanceof DockerOperationError && error.failure === 'in_use')
    return new AppError(409, 'docker_in_use', error.message);
  if (error instanceof DockerOperationError && error.failure === 'unsupported')
    return new AppError(409, 'docker_api_required', error.message);
  return toAppError(error);
}

const KIND_TARGET: Record<PruneKind, string> = { images: 'image', volumes: 'volume', networks: 'network' };

/**
 * Images, volumes and networks of one Docker host. Reads go straight to the host; every change
 * (remove, prune, pull) is audited with its outcome, refusals and failures included.
 */
export class DockerObjectsService {
  constructor(
    private readonly sources: ContainerSources,
    private readonly audit: AuditService,
  ) {}

  private async on(hostId: string): Promise<{ host: string; objects: DockerObjects }> {
    const { row, source } = await this.sources.forHost(hostId);
    try {
      return { host: row.name, objects: await source.objects() };
    } catch (error) {
      throw objectsError(error);
    }
  }

  private async read<T>(hostId: string, work: (objects: DockerObjects) => Promise<T>): Promise<T> {
    const { objects } = await this.on(hostId);
    try {
      return await work(objects);
    } catch (error) {
      throw objectsError(error);
    }
  }

  inspectImage(hostId: string, ref: string) {
    return this.read(hostId, (o) => o.inspectImage(ref));
  }

  inspectVolume(hostId: string, name: string) {
    return this.read(hostId, (o) => o.inspectVolume(name));
  }

  inspectNetwork(hostId: string, ref: string) {
    return this.read(hostId, (o) => o.inspectNetwork(ref));
  }

  prunePreview(hostId: string, kind: PruneKind, all: boolean): Promise<PrunePreview> {
    return this.read(hostId, (o) => o.prunePreview(kind, { all }));
  }

  /** Runs one change and writes its audit row, whatever the outcome. */
  private async change<T>(
    actor: Actor,
    hostId: string,
    entry: { action: string; targetType: string; target: string; detail?: Record<string, unknown> },
    work: (objects: DockerObjects) => Promise<T>,
    summary: (result: T) => Record<string, unknown> = () => ({}),
  ): Promise<T> {
    const { row } = await this.sources.forHost(hostId);
    const record = (result: string, more: Record<string, unknown>) =>
      this.audit.record(actor, {
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.target,
        targetName: `${row.name}/${entry.target}`,
        detail: { hostId, host: row.name, result, ...entry.detail, ...more },
      });
    let result: T;
    try {
      const { objects } = await this.on(hostId);
      result = await work(objects);
    } catch (error) {
      const mapped = objectsError(error);
      await record('failed', { message: mapped instanceof Error ? mapped.message : 'unknown error' });
      throw mapped;
    }
    await record('ok', summary(result));
    return result;
  }

  removeImage(actor: Actor, hostId: string, ref: string, force: boolean): Promise<ImageRemoveResult> {
    return this.change(
      actor,
      hostId,
      { action: 'docker.image.remove', targetType: 'image', target: ref, detail: force ? { force } : {} },
      (o) => o.removeImage(ref, force),
      (r) => ({ untagged: r.untagged.length, deleted: r.deleted.length }),
    );
  }

  removeVolume(actor: Actor, hostId: string, name: string): Promise<void> {
    return this.change(
      actor,
      hostId,
      { action: 'docker.volume.remove', targetType: 'volume', target: name },
      (o) => o.removeVolume(name),
    );
  }

  removeNetwork(actor: Actor, hostId: string, ref: string): Promise<void> {
    return this.change(
      actor,
      hostId,
      { action: 'docker.network.remove', targetType: 'network', target: ref },
      (o) => o.removeNetwork(ref),
    );
  }

  prune(actor: Actor, hostId: string, kind: PruneKind, all: boolean): Promise<PruneResult> {
    return this.change(
      actor,
      hostId,
      {
        action: `docker.${KIND_TARGET[kind]}.prune`,
        targetType: KIND_TARGET[kind],
        target: kind,
        detail: kind === 'images' ? { all } : {},
      },
      (o) => o.prune(kind, { all }),
      (r) => ({ removed: r.removed.map((i) => i.name).slice(0, 50), reclaimedBytes: r.reclaimedBytes }),
    );
  }

  /**
   * Starts a pull. The audit row is written when it ends (done, failed or cancelled), or at once
   * when the daemon refuses to start it.
   */
  async pull(actor: Actor, hostId: string, ref: string): Promise<PullStream> {
    const { row } = await this.sources.forHost(hostId);
    const record = (result: string, message?: string) =>
      this.audit.record(actor, {
        action: 'docker.image.pull',
        targetType: 'image',
        targetId: ref,
        targetName: `${row.name}/${ref}`,
        detail: { hostId, host: row.name, result, ...(message ? { message } : {}) },
      });
    let stream: PullStream;
    try {
      const { objects } = await this.on(hostId);
      stream = await objects.pullImage(ref);
    } catch (error) {
      const mapped = objectsError(error);
      await record('failed', mapped instanceof Error ? mapped.message : 'unknown error');
      throw mapped;
    }
    let cancelled = false;
    stream.onEnd((error) => {
      record(error ? 'failed' : cancelled ? 'cancelled' : 'ok', error?.message).catch(() => undefined);
    });
    return {
      onFrame: (listener) => stream.onFrame(listener),
      onEnd: (listener) => stream.onEnd(listener),
      close: () => {
        cancelled = true;
        stream.close();
      },
    };
  }
}
