import type Docker from 'dockerode';
import type { PruneItem } from '@archnest/contract';
import { defined, obj, str } from './json-read';
import type { ObjectUsage } from './object-usage';

const BUILT_IN = new Set(['bridge', 'host', 'none']);

/** The name an image is known by: its first tag, else its short id. */
export function imageName(image: Pick<Docker.ImageInfo, 'Id' | 'RepoTags'>): string {
  const tag = (image.RepoTags ?? []).find((t) => t !== '<none>:<none>');
  return tag ?? image.Id.replace(/^sha256:/, '').slice(0, 12);
}

const dangling = (image: Docker.ImageInfo) =>
  (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>').length === 0;

/*
 * What the daemon's prune takes, worked out from the lists: images no container uses (dangling ones
 * only, unless `all`), and none that another image is built on; local-driver volumes no container
 * mounts (anonymous ones only on API 1.42+ without `all`, which ArchNest always sends there); local
 * networks that are not Docker's own and have no container attached.
 */
export const pruneCandidates = {
  images(images: Docker.ImageInfo[], usage: ObjectUsage, all: boolean): PruneItem[] {
    const parents = new Set(images.map((i) => i.ParentId).filter(Boolean));
    const used = new Set<string>();
    // An image a container uses keeps its ancestors too.
    const byId = new Map(images.map((i) => [i.Id, i]));
    for (const image of images) {
      if (usage.image(image.Id).length === 0) continue;
      for (let at: Docker.ImageInfo | undefined = image; at && !used.has(at.Id); at = byId.get(at.ParentId))
        used.add(at.Id);
    }
    return images
      .filter((i) => !used.has(i.Id) && !parents.has(i.Id) && (all || dangling(i)))
      .map((i) => defined({ id: i.Id, name: imageName(i), sizeBytes: i.Size }));
  },

  volumes(volumes: Docker.VolumeInspectInfo[], usage: ObjectUsage): PruneItem[] {
    return volumes
      .filter((v) => v.Driver === 'local' && usage.volume(v.Name).length === 0)
      .map((v) => ({ id: v.Name, name: v.Name }));
  },

  networks(networks: Docker.NetworkInspectInfo[], usage: ObjectUsage): PruneItem[] {
    return networks
      .filter(
        (n) => !BUILT_IN.has(n.Name) && n.Scope === 'local' && !n.Ingress && usage.network(n.Id).length === 0,
      )
      .map((n) => ({ id: n.Id, name: n.Name }));
  },
};

/** The images a prune deleted, named as they were before it (Docker reports layers as well). */
export function removedImages(before: Docker.ImageInfo[], deleted: unknown[]): PruneItem[] {
  const ids = new Set(deleted.map((d) => str(obj(d).Deleted)).filter(Boolean));
  return before
    .filter((i) => ids.has(i.Id))
    .map((i) => defined({ id: i.Id, name: imageName(i), sizeBytes: i.Size }));
}
