import type { InfraSourceKind } from '@archnest/contract';
import type { ContainerObservation } from '../../docker/container-observation';
import type { PollOutcome } from '../infrastructure/resource-source';

export type SubjectKind = 'source' | 'container' | 'proxmox-node' | 'proxmox-guest' | 'monitor';

/** One thing a rule can alert on, built from one poll of one source. */
export interface AlertSubject {
  /** Unique across sources: `<sourceId>` for the source itself, else `<sourceId>/<resource id>`. */
  key: string;
  sourceId: string;
  sourceKind: InfraSourceKind;
  kind: SubjectKind;
  name: string;
  /** The Docker host or agent label, the Proxmox node, or the integration's name. */
  host: string;
  labels: Readonly<Record<string, string>>;
  /** The vendor's status word (a guest's `stopped`, a monitor's `down`). */
  status: string;
  /** A Proxmox node's own health (`error` = offline). */
  nodeOffline: boolean;
  /** Set on a `source` subject whose poll failed. */
  error: { code: string; message: string } | null;
  /** Set on an agent source subject: no report for 2 × its interval + 20 s. */
  stale: boolean;
  container: ContainerObservation | null;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

function base(outcome: PollOutcome): Omit<AlertSubject, 'key' | 'kind' | 'name' | 'host'> {
  return {
    sourceId: outcome.sourceId,
    sourceKind: outcome.kind,
    labels: NO_LABELS,
    status: '',
    nodeOffline: false,
    error: null,
    stale: false,
    container: null,
  };
}

/** Proxmox tags become labels (`tag` → present), so a label scope can pick tagged guests. */
function tagLabels(tags: readonly string[]): Record<string, string> {
  if (tags.length === 0) return NO_LABELS;
  return Object.fromEntries(tags.map((t) => [t, 'true']));
}

/**
 * The subjects one poll yields: the source itself (failing or not, stale or not), then its containers,
 * Proxmox nodes and guests, or Uptime Kuma monitors. A failed poll yields only the source: nothing is
 * known of the rest, so their alerts stay as they were.
 */
export function subjectsOf(outcome: PollOutcome): AlertSubject[] {
  const common = base(outcome);
  const subjects: AlertSubject[] = [
    {
      ...common,
      key: outcome.sourceId,
      kind: 'source',
      name: outcome.name,
      host: outcome.name,
      error: outcome.error,
      stale: outcome.snapshot?.observations?.stale ?? false,
    },
  ];
  const snapshot = outcome.snapshot;
  if (!snapshot) return subjects;
  const containers = snapshot.observations?.containers;
  if (containers) {
    for (const c of containers) {
      subjects.push({
        ...common,
        key: `${outcome.sourceId}/${c.id.slice(0, 12)}`,
        kind: 'container',
        name: c.name,
        host: outcome.name,
        labels: c.labels,
        status: c.state,
        container: c,
      });
    }
    return subjects;
  }
  for (const group of snapshot.groups) {
    if (outcome.kind === 'proxmox' && group.key?.startsWith('node:')) {
      subjects.push({
        ...common,
        key: `${outcome.sourceId}/${group.key}`,
        kind: 'proxmox-node',
        name: group.title,
        host: group.title,
        status: group.health === 'error' ? 'offline' : 'online',
        nodeOffline: group.health === 'error',
      });
    }
    for (const m of group.members) {
      if (m.type !== 'vm' && m.type !== 'lxc' && m.type !== 'monitor') continue;
      subjects.push({
        ...common,
        key: `${outcome.sourceId}/${m.id}`,
        kind: m.type === 'monitor' ? 'monitor' : 'proxmox-guest',
        name: m.name,
        host: m.type === 'monitor' ? outcome.name : group.title,
        labels: tagLabels(m.tags),
        status: m.status,
      });
    }
  }
  return subjects;
}
