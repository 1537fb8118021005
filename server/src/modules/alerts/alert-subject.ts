import type { InfraSourceKind } from '@archnest/contract';
import type { ContainerObservation } from '../../docker/container-observation';
import type { PollOutcome } from '../infrastructure/resource-source';

export type SubjectKind = 'source' | 'container' | 'proxmox-node' | 'proxmox-guest' | 'monitor' | 'ssh-host';

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
  /** Why an SSH host is down, from its port check. */
  detail: string | null;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/*
 * Subjects are built with one object literal each (no spreads): a poll of 5,000 members builds 5,000
 * of them, and object spread costs tens of times a literal here.
 */
function make(
  outcome: PollOutcome,
  key: string,
  kind: SubjectKind,
  name: string,
  host: string,
  labels: Readonly<Record<string, string>>,
  status: string,
  container: ContainerObservation | null,
): AlertSubject {
  return {
    key,
    sourceId: outcome.sourceId,
    sourceKind: outcome.kind,
    kind,
    name,
    host,
    labels,
    status,
    nodeOffline: false,
    error: null,
    stale: false,
    container,
    detail: null,
  };
}

/** Proxmox tags become labels (`tag` → present), so a label scope can pick tagged guests. */
function tagLabels(tags: readonly string[]): Readonly<Record<string, string>> {
  if (tags.length === 0) return NO_LABELS;
  const labels: Record<string, string> = {};
  for (const t of tags) labels[t] = 'true';
  return labels;
}

/**
 * The subjects one poll yields: the source itself (failing or not, stale or not), then its containers,
 * Proxmox nodes and guests, or Uptime Kuma monitors. A failed poll yields only the source: nothing is
 * known of the rest, so their alerts stay as they were.
 */
export function subjectsOf(outcome: PollOutcome): AlertSubject[] {
  const source = make(outcome, outcome.sourceId, 'source', outcome.name, outcome.name, NO_LABELS, '', null);
  source.error = outcome.error;
  source.stale = outcome.snapshot?.observations?.stale ?? false;
  const subjects: AlertSubject[] = [source];
  const snapshot = outcome.snapshot;
  if (!snapshot) return subjects;
  const prefix = `${outcome.sourceId}/`;
  const containers = snapshot.observations?.containers;
  if (containers) {
    for (const c of containers) {
      subjects.push(
        make(outcome, prefix + c.id.slice(0, 12), 'container', c.name, outcome.name, c.labels, c.state, c),
      );
    }
    return subjects;
  }
  for (const group of snapshot.groups) {
    if (outcome.kind === 'proxmox' && group.key?.startsWith('node:')) {
      const offline = group.health === 'error';
      const node = make(
        outcome,
        prefix + group.key,
        'proxmox-node',
        group.title,
        group.title,
        NO_LABELS,
        offline ? 'offline' : 'online',
        null,
      );
      node.nodeOffline = offline;
      subjects.push(node);
    }
    for (const m of group.members) {
      if (m.type === 'host' && outcome.kind === 'ssh') {
        // Keyed by host id; the host scope matches the host's own name.
        const host = make(
          outcome,
          prefix + m.id,
          'ssh-host',
          m.name,
          m.name,
          tagLabels(m.tags),
          m.status,
          null,
        );
        host.detail = m.details.find((d) => d.label === 'Unreachable')?.value ?? null;
        subjects.push(host);
      } else if (m.type === 'monitor') {
        subjects.push(
          make(outcome, prefix + m.id, 'monitor', m.name, outcome.name, tagLabels(m.tags), m.status, null),
        );
      } else if (m.type === 'vm' || m.type === 'lxc') {
        subjects.push(
          make(
            outcome,
            prefix + m.id,
            'proxmox-guest',
            m.name,
            group.title,
            tagLabels(m.tags),
            m.status,
            null,
          ),
        );
      }
    }
  }
  return subjects;
}
