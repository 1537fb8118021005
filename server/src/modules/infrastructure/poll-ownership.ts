import type { PolledSnapshot } from './resource-source';

/** A poll as the replica that ran it stored it, for the replicas that do not poll that source. */
export interface SharedPoll {
  /** The settings revision the poll ran with. */
  revision: string;
  attemptedAt: string;
  /** When the last good snapshot was taken; null when there never was one. */
  successAt: string | null;
  /** The last good snapshot (a failed poll keeps it, as the poller keeps its tiles). */
  snapshot: PolledSnapshot | null;
  /** The last attempt's error; null when it succeeded. */
  error: { code: string; message: string } | null;
}

/**
 * Which process polls a source that calls out over the network (an integration, a Docker host).
 * Without one (a single process) every poller polls; several replicas on PostgreSQL share one, so
 * each such source is polled by exactly one of them (see cluster/pg-poll-ownership.ts).
 */
export interface PollOwnership {
  /** True when this process polls the source now (it holds the source, or just took it over). */
  claim(sourceId: string): Promise<boolean>;
  /** Stores what this process polled and tells the other replicas. */
  share(sourceId: string, poll: SharedPoll): Promise<void>;
  /** What the polling replica stored last; null when nothing is stored. */
  read(sourceId: string): Promise<SharedPoll | null>;
  /** The source is gone: let it go and drop what is stored. */
  forget(sourceId: string): Promise<void>;
}
