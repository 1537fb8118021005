import type Docker from 'dockerode';
import {
  IMAGE_ID,
  IMAGE_REFERENCE,
  OBJECT_NAME,
  type ImageDetail,
  type ImageRemoveResult,
  type NetworkDetail,
  type PruneKind,
  type PrunePreview,
  type PruneResult,
  type VolumeDetail,
} from '@archnest/contract';
import type { ImageSummary, NetworkSummary, VolumeSummary } from './container-source';
import { DockerInputError, DockerOperationError } from './docker-errors';
import type { DockerObjects, PruneOptions, PullStream } from './docker-objects';
import { engineError } from './engine-errors';
import { daemonSaid, pullImage } from './engine-pull';
import { defined, isoTime, obj, str, stringRecord, strings } from './json-read';
import { ObjectUsage, nameContainers } from './object-usage';
import { pruneCandidates, removedImages } from './prune-plan';
import { withTimeout } from './with-timeout';

/** Docker's own networks: never removable, never pruned. */
export const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none']);

export function checkImageRef(ref: string): string {
  if (typeof ref !== 'string' || ref.length > 512 || !(IMAGE_ID.test(ref) || IMAGE_REFERENCE.test(ref)))
    throw new DockerInputError('An image is named by its id or a reference such as name:tag.');
  return ref;
}

function checkName(value: string, what: string): string {
  if (typeof value !== 'string' || !OBJECT_NAME.test(value))
    throw new DockerInputError(`A ${what} is named with letters, digits, _ . - (up to 255).`);
  return value;
}

const statusOf = (error: unknown) => obj(error).statusCode;
const saidBy = (error: unknown) => daemonSaid(error) ?? '';

/** The daemon's 400 (a reference it will not parse) is bad input, not a failure of Docker. */
function refusedInput(error: unknown): DockerInputError | undefined {
  return statusOf(error) === 400
    ? new DockerInputError(`Docker refused the name: ${saidBy(error)}`)
    : undefined;
}

/**
 * Images, volumes and networks over the Engine API (a socket, TCP/TLS, or dial-stdio over SSH). Every
 * call is bounded like the rest of the source; Docker's refusals become sentences naming what is in
 * the way.
 */
export class EngineObjects implements DockerObjects {
  constructor(
    private readonly docker: Docker,
    private readonly label: string,
    private readonly timeoutMs: number,
  ) {}

  private call<T>(what: string, subject: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withTimeout(this.label, what, this.timeoutMs, async (signal) => {
      try {
        return await run(signal);
      } catch (error) {
        throw refusedInput(error) ?? engineError(error, this.label, subject);
      }
    });
  }

  /** The raw call, Docker's own error untouched, so a refusal can be worded by what it refused. */
  private raw<T>(what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withTimeout(this.label, what, this.timeoutMs, run);
  }

  usage(): Promise<ObjectUsage> {
    return this.call('listing containers', 'Containers', async (abortSignal) => {
      return new ObjectUsage(await this.docker.listContainers({ all: true, abortSignal }));
    });
  }

  private rawImages(): Promise<Docker.ImageInfo[]> {
    return this.call('listing images', 'Images', (abortSignal) => this.docker.listImages({ abortSignal }));
  }

  async images(): Promise<ImageSummary[]> {
    const raw = await this.rawImages();
    const usage = await this.usage();
    return raw.map((i) =>
      defined({
        id: i.Id,
        tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
        sizeBytes: i.Size,
        createdAt: isoTime(i.Created),
        usedBy: usage.image(i.Id).map((u) => u.name),
      }),
    );
  }

  async volumes(): Promise<VolumeSummary[]> {
    const raw = await this.call('listing volumes', 'Volumes', (abortSignal) =>
      this.docker.listVolumes({ abortSignal }),
    );
    const usage = await this.usage();
    return (raw.Volumes ?? []).map((v) =>
      defined({
        name: v.Name,
        driver: v.Driver,
        mountpoint: v.Mountpoint || undefined,
        scope: v.Scope || undefined,
        labels: stringRecord(v.Labels),
        usedBy: usage.volume(v.Name).map((u) => u.name),
      }),
    );
  }

  async networks(): Promise<NetworkSummary[]> {
    const raw = await this.call('listing networks', 'Networks', (abortSignal) =>
      this.docker.listNetworks({ abortSignal }),
    );
    const usage = await this.usage();
    return raw.map((n) =>
      defined({
        id: n.Id,
        name: n.Name,
        driver: n.Driver,
        scope: n.Scope || undefined,
        internal: n.Internal,
        labels: stringRecord(n.Labels),
        usedBy: usage.network(n.Id).map((u) => u.name),
      }),
    );
  }

  async inspectImage(ref: string): Promise<ImageDetail> {
    const name = checkImageRef(ref);
    const [raw, usage] = await Promise.all([
      this.call('inspecting an image', `Image ${name}`, (abortSignal) =>
        this.docker.getImage(name).inspect({ abortSignal } as object),
      ),
      this.usage(),
    ]);
    const config = obj(raw.Config);
    return defined({
      id: raw.Id,
      tags: strings(raw.RepoTags),
      digests: strings(raw.RepoDigests),
      sizeBytes: raw.Size,
      createdAt: isoTime(raw.Created),
      architecture: raw.Architecture || undefined,
      os: raw.Os || undefined,
      author: raw.Author || undefined,
      comment: raw.Comment || undefined,
      entrypoint: strings(config.Entrypoint),
      cmd: strings(config.Cmd),
      workingDir: str(config.WorkingDir) || undefined,
      exposedPorts: Object.keys(obj(config.ExposedPorts)),
      labels: stringRecord(config.Labels),
      layers: strings(obj(raw.RootFS).Layers).length,
      usedBy: usage.image(raw.Id),
    });
  }

  async removeImage(ref: string, force: boolean): Promise<ImageRemoveResult> {
    const name = checkImageRef(ref);
    const subject = `Image ${name}`;
    try {
      const answer = (await this.raw(`removing image ${name}`, (abortSignal) =>
        this.docker.getImage(name).remove({ force, abortSignal } as object),
      )) as unknown;
      const entries = Array.isArray(answer) ? answer.map(obj) : [];
      return {
        untagged: entries.flatMap((e) => (str(e.Untagged) ? [str(e.Untagged)!] : [])),
        deleted: entries.flatMap((e) => (str(e.Deleted) ? [str(e.Deleted)!] : [])),
      };
    } catch (error) {
      const status = statusOf(error);
      if (status === 409) throw await this.imageConflict(name, saidBy(error));
      if (status !== undefined && status !== 404 && !(await this.imageExists(name)))
        // Someone else removed it while Docker was working on ours: it is simply gone.
        throw new DockerOperationError('not_found', `${subject} on ${this.label}: No such image: ${name}`);
      throw refusedInput(error) ?? engineError(error, this.label, subject);
    }
  }

  private async imageExists(name: string): Promise<boolean> {
    try {
      await this.raw('inspecting an image', (abortSignal) =>
        this.docker.getImage(name).inspect({ abortSignal } as object),
      );
      return true;
    } catch (error) {
      return statusOf(error) !== 404;
    }
  }

  private async imageConflict(name: string, said: string): Promise<DockerOperationError> {
    const on = `Image ${name} on ${this.label}`;
    if (/child images/i.test(said))
      return new DockerOperationError('conflict', `${on} has child images built on it: remove them first.`);
    if (/multiple repositories/i.test(said))
      return new DockerOperationError(
        'conflict',
        `${on} has several tags: remove it by one of its tags, or force to remove every tag.`,
      );
    const id = await this.call('inspecting an image', `Image ${name}`, (abortSignal) =>
      this.docker.getImage(name).inspect({ abortSignal } as object),
    ).then(
      (i) => i.Id,
      () => undefined,
    );
    const users = id ? (await this.usage()).image(id) : [];
    if (users.length === 0) return new DockerOperationError('conflict', `${on}: ${said}`);
    const running = users.some((u) => u.state === 'running' || u.state === 'paused');
    return new DockerOperationError(
      'in_use',
      running
        ? `${on} is in use by container ${nameContainers(users)}: stop and remove the container first (while it runs, force only removes the tag).`
        : `${on} is in use by container ${nameContainers(users)}: remove the container first, or force to remove the image anyway.`,
    );
  }

  pullImage(ref: string): Promise<PullStream> {
    const name = checkImageRef(ref);
    if (!IMAGE_REFERENCE.test(name) || IMAGE_ID.test(name))
      throw new DockerInputError('Pull an image by a reference such as name:tag, not by an id.');
    return pullImage(this.docker, this.label, name, Math.max(this.timeoutMs, 60_000));
  }

  async inspectVolume(name: string): Promise<VolumeDetail> {
    const volume = checkName(name, 'volume');
    const [raw, usage] = await Promise.all([
      this.call('inspecting a volume', `Volume ${volume}`, (abortSignal) =>
        this.docker.getVolume(volume).inspect({ abortSignal } as object),
      ),
      this.usage(),
    ]);
    const extra = obj(raw);
    return defined({
      name: raw.Name,
      driver: raw.Driver,
      mountpoint: raw.Mountpoint || undefined,
      scope: raw.Scope || undefined,
      createdAt: isoTime(extra.CreatedAt),
      labels: stringRecord(raw.Labels),
      options: stringRecord(raw.Options),
      usedBy: usage.volume(raw.Name),
    });
  }

  async removeVolume(name: string): Promise<void> {
    const volume = checkName(name, 'volume');
    try {
      await this.raw(`removing volume ${volume}`, (abortSignal) =>
        this.docker.getVolume(volume).remove({ abortSignal } as object),
      );
    } catch (error) {
      if (statusOf(error) === 409) {
        const users = (await this.usage()).volume(volume);
        throw new DockerOperationError(
          'in_use',
          users.length
            ? `Volume ${volume} on ${this.label} is in use by container ${nameContainers(users)}: remove the container first.`
            : `Volume ${volume} on ${this.label} is in use: ${saidBy(error)}`,
        );
      }
      throw engineError(error, this.label, `Volume ${volume}`);
    }
  }

  async inspectNetwork(ref: string): Promise<NetworkDetail> {
    const id = checkName(ref, 'network');
    const [raw, usage] = await Promise.all([
      // dockerode takes no abort signal for this call; the deadline still holds.
      this.call('inspecting a network', `Network ${id}`, () => this.docker.getNetwork(id).inspect()),
      this.usage(),
    ]);
    return defined({
      id: raw.Id,
      name: raw.Name,
      driver: raw.Driver,
      scope: raw.Scope || undefined,
      internal: raw.Internal,
      attachable: raw.Attachable,
      createdAt: isoTime(raw.Created),
      builtIn: BUILT_IN_NETWORKS.has(raw.Name),
      subnets: (raw.IPAM?.Config ?? []).flatMap((c) => {
        const entry = obj(c);
        const subnet = str(entry.Subnet);
        return subnet ? [defined({ subnet, gateway: str(entry.Gateway) })] : [];
      }),
      labels: stringRecord(raw.Labels),
      usedBy: usage.network(raw.Id),
    });
  }

  async removeNetwork(ref: string): Promise<void> {
    const id = checkName(ref, 'network');
    const on = `Network ${id} on ${this.label}`;
    try {
      await this.raw(`removing network ${id}`, (abortSignal) =>
        this.docker.getNetwork(id).remove({ abortSignal } as object),
      );
    } catch (error) {
      const said = saidBy(error);
      if (statusOf(error) === 403 || statusOf(error) === 409) {
        if (/pre-defined/i.test(said))
          throw new DockerOperationError(
            'conflict',
            `${on} is one of Docker's own networks and cannot be removed.`,
          );
        const network = await this.inspectNetwork(id).catch(() => undefined);
        const users = network?.usedBy ?? [];
        throw new DockerOperationError(
          'in_use',
          users.length
            ? `${on} is in use by container ${nameContainers(users)}: disconnect or remove the container first.`
            : `${on} is in use: ${said}`,
        );
      }
      throw engineError(error, this.label, `Network ${id}`);
    }
  }

  /** What a prune would take now, worked out from the lists the same way the daemon decides. */
  async prunePreview(kind: PruneKind, options: PruneOptions = {}): Promise<PrunePreview> {
    const items = await this.candidates(kind, options);
    return { kind, items, reclaimBytes: items.reduce((sum, i) => sum + (i.sizeBytes ?? 0), 0) };
  }

  private async candidates(kind: PruneKind, options: PruneOptions) {
    const usage = await this.usage();
    if (kind === 'images') return pruneCandidates.images(await this.rawImages(), usage, options.all === true);
    if (kind === 'volumes') {
      const raw = await this.call('listing volumes', 'Volumes', (abortSignal) =>
        this.docker.listVolumes({ abortSignal }),
      );
      return pruneCandidates.volumes(raw.Volumes ?? [], usage);
    }
    const raw = await this.call('listing networks', 'Networks', (abortSignal) =>
      this.docker.listNetworks({ abortSignal }),
    );
    return pruneCandidates.networks(raw, usage);
  }

  /** API 1.42 (Docker 23) and later prune only anonymous volumes unless told `all`; older ones prune all. */
  private async prunesNamedVolumes(): Promise<boolean> {
    // dockerode forwards abortSignal for version too; its typings just do not list it.
    const read = this.docker.version.bind(this.docker) as (options: {
      abortSignal: AbortSignal;
    }) => Promise<Docker.DockerVersion>;
    const version = await this.call('reading the version', 'Docker', (abortSignal) => read({ abortSignal }));
    const [major = 0, minor = 0] = String(version.ApiVersion).split('.').map(Number);
    return major > 1 || (major === 1 && minor >= 42);
  }

  async prune(kind: PruneKind, options: PruneOptions = {}): Promise<PruneResult> {
    const what = `pruning ${kind}`;
    const subject = kind[0]!.toUpperCase() + kind.slice(1);
    if (kind === 'images') {
      const before = await this.rawImages();
      const answer = await this.call(what, subject, (abortSignal) =>
        this.docker.pruneImages({ filters: { dangling: [options.all ? 'false' : 'true'] }, abortSignal }),
      );
      const removed = removedImages(before, answer.ImagesDeleted ?? []);
      return { kind, removed, reclaimedBytes: answer.SpaceReclaimed ?? 0 };
    }
    if (kind === 'volumes') {
      const filters = (await this.prunesNamedVolumes()) ? { all: ['true'] } : {};
      const answer = await this.call(what, subject, (abortSignal) =>
        this.docker.pruneVolumes({ filters, abortSignal } as object),
      );
      const names = answer.VolumesDeleted ?? [];
      return {
        kind,
        removed: names.map((n) => ({ id: n, name: n })),
        reclaimedBytes: answer.SpaceReclaimed ?? 0,
      };
    }
    const before = await this.call('listing networks', 'Networks', (abortSignal) =>
      this.docker.listNetworks({ abortSignal }),
    );
    const answer = await this.call(what, subject, (abortSignal) =>
      this.docker.pruneNetworks({ abortSignal } as object),
    );
    const names = answer.NetworksDeleted ?? [];
    const idOf = (n: string) => before.find((b) => b.Name === n)?.Id ?? n;
    return { kind, removed: names.map((n) => ({ id: idOf(n), name: n })), reclaimedBytes: 0 };
  }
}
