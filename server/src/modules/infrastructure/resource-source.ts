import type { InfraSourceKind } from '@archnest/contract';
import type { ContainerObservation } from '../../docker/container-observation';
import type { ResourceSnapshot } from '../../integrations/integration';

export type { ResourceGroup, ResourceSnapshot } from '../../integrations/integration';

/** A snapshot plus what alert rules read that tiles do not show (exit codes, labels, staleness). */
export interface PolledSnapshot extends ResourceSnapshot {
  observations?: { containers?: ContainerObservation[]; stale?: boolean };
}

/** Told after every poll of every source, with its data or its error (alert rules evaluate on it). */
export interface PollOutcome {
  sourceId: string;
  kind: InfraSourceKind;
  name: string;
  at: Date;
  snapshot: PolledSnapshot | null;
  error: { code: string; message: string } | null;
}

/**
 * One source of resources the Infrastructure page shows: an integration instance, a Docker host, the
 * SSH host list, or an agent host. The poller calls `poll` on the source's
 * own interval, bounded by `timeoutMs` through the signal, and keeps the last good snapshot.
 */
export interface PolledSource {
  /** Stable: `integration:<id>`, `docker:<id>`, `agent:<label>` or `ssh`. */
  id: string;
  kind: InfraSourceKind;
  name: string;
  pollIntervalSeconds: number;
  /** What the API reports as the interval; null for a source that pushes (an agent). */
  reportedIntervalSeconds: number | null;
  timeoutMs: number;
  /** Whether a manual refresh means anything. */
  refreshable: boolean;
  /** Changes whenever the settings behind the source change; a new revision replaces the poller's source and polls at once. */
  revision: string;
  poll(signal: AbortSignal): Promise<PolledSnapshot>;
  /**
   * A source whose poll only reads the database (the SSH host list): a sync that starts or replaces
   * it waits for that first poll, so a change made through the API is in the overview at once.
   */
  local?: boolean;
  /** Frees connections; called when the source is replaced or removed. */
  dispose?(): void;
}

/**
 * Plugs a family of sources into the Infrastructure page. `sources()` must be cheap (database reads,
 * no network): it runs at start, whenever `onChange` fires, and on a periodic re-sync. Anything slow
 * belongs in `poll`, which must create its connections lazily.
 */
export interface ResourceSourceProvider {
  sources(): Promise<PolledSource[]>;
  /** The listener's promise settles once the change is in the overview (for `local` sources, polled). */
  onChange?(listener: () => Promise<void>): void;
}
