import type Docker from 'dockerode';
import type { ContainerUse } from '@archnest/contract';
import { trimName } from './container-parse';

/*
 * Which containers use which image, volume and network, read from one container listing (all states),
 * so lists, details, in-use messages and prune previews all agree on the same answer.
 */
export class ObjectUsage {
  private readonly byImage = new Map<string, ContainerUse[]>();
  private readonly byVolume = new Map<string, ContainerUse[]>();
  private readonly byNetwork = new Map<string, ContainerUse[]>();

  constructor(containers: Docker.ContainerInfo[]) {
    for (const c of containers) {
      const use: ContainerUse = {
        id: c.Id,
        name: trimName(c.Names?.[0] ?? c.Id.slice(0, 12)),
        state: c.State,
      };
      add(this.byImage, c.ImageID, use);
      for (const m of c.Mounts ?? []) if (m.Type === 'volume' && m.Name) add(this.byVolume, m.Name, use);
      for (const n of Object.values(c.NetworkSettings?.Networks ?? {}))
        if (n.NetworkID) add(this.byNetwork, n.NetworkID, use);
    }
  }

  image(id: string): ContainerUse[] {
    return this.byImage.get(id) ?? [];
  }

  volume(name: string): ContainerUse[] {
    return this.byVolume.get(name) ?? [];
  }

  network(id: string): ContainerUse[] {
    return this.byNetwork.get(id) ?? [];
  }
}

function add(map: Map<string, ContainerUse[]>, key: string | undefined, use: ContainerUse): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(use);
  else map.set(key, [use]);
}

/** "web (running), db (exited)" — how an in-use message names the containers. */
export function nameContainers(uses: ContainerUse[]): string {
  const shown = uses.slice(0, 5).map((u) => `${u.name} (${u.state})`);
  return uses.length > 5 ? `${shown.join(', ')} and ${uses.length - 5} more` : shown.join(', ');
}
