import {
  InfraSourceMembers,
  InfraTileDetail,
  type InfraResource,
  type InfraSource,
  type InfraTile,
} from '@archnest/contract';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Clock } from '../../clock';
import { asIntegrationError, IntegrationError } from '../../integrations/integration-error';
import type { PollOwnership, SharedPoll } from './poll-ownership';
import type { PolledSource, PollOutcome } from './resource-source';
import { buildTiles, placeholderTile } from './tile-builder';

const gzipAsync = promisify(gzip);

export interface SerializedDetail {
  json: string;
  gzip: Buffer | null;
}

/** Compressed off the event loop; small answers are not worth it. */
function serialize(json: string): Promise<SerializedDetail> {
  if (json.length < 16 * 1024) return Promise.resolve({ json, gzip: null });
  return gzipAsync(json).then(
    (gzip) => ({ json, gzip }),
    () => ({ json, gzip: null }),
  );
}

interface InFlight {
  source: PolledSource;
  done: Promise<void>;
}

export interface PollLog {
  warn(detail: { source: string; code: string }, message: string): void;
  /** Told after every poll (for /metrics); `code` is null on success. */
  polled?(detail: { source: string; kind: string; seconds: number; code: string | null }): void;
}

/**
 * One source's poll loop and cache. At most one poll is in flight: a refresh while one runs joins it.
 * A poll that ignores its signal still ends for the cache at the timeout. A failed poll keeps the
 * last good tiles and marks the source `error`.
 */
export class SourcePoller {
  private state: InfraSource['state'] = 'pending';
  private lastSuccessAt: string | null = null;
  private lastAttemptAt: string | null = null;
  private error: InfraSource['error'] = null;
  private tileList: InfraTile[] = [];
  private members = new Map<string, InfraResource[]>();
  /** Serialized (and gzipped) tile details, built on first read after each poll (they change only when a poll ends). */
  private readonly detailJson = new Map<string, Promise<SerializedDetail>>();
  /** The whole source's members for its tab, serialized on first read after each poll. */
  private sourceJson: Promise<SerializedDetail> | null = null;
  private inFlight: InFlight | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private controller: AbortController | null = null;
  /** The stored poll taken last from the replica that polls this source. */
  private adoptedAt = '';

  constructor(
    private source: PolledSource,
    private readonly clock: Clock,
    private readonly log: PollLog,
    /** Told whenever what this poller reports changed (a poll ended, settings replaced). */
    private readonly onUpdate: () => void = () => undefined,
    /** Told the outcome of every poll (after the cache took it). */
    private readonly onPolled: (outcome: PollOutcome) => void = () => undefined,
    /** Several replicas: who polls this source; null in a single process (this one polls). */
    private readonly ownership: PollOwnership | null = null,
  ) {}

  get id(): string {
    return this.source.id;
  }

  get revision(): string {
    return this.source.revision;
  }

  start(): void {
    void this.poll();
  }

  /** Takes new settings (a new revision) and polls with them at once; cached data stays until then. */
  replace(source: PolledSource): void {
    this.source.dispose?.();
    this.source = source;
    this.detailJson.clear();
    this.sourceJson = null;
    this.onUpdate();
    this.controller?.abort();
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.controller?.abort();
    this.source.dispose?.();
  }

  /**
   * Polls now, or joins the poll in flight; resolves within the source's timeout. A poll still running
   * with replaced settings is aborted and not joined: the new poll starts as soon as it has settled.
   */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.inFlight?.source === this.source) return this.inFlight.done;
    const before = this.inFlight?.done ?? Promise.resolve();
    const entry: InFlight = { source: this.source, done: Promise.resolve() };
    entry.done = before
      .then(() => this.run())
      .finally(() => {
        if (this.inFlight !== entry) return;
        this.inFlight = null;
        this.schedule();
      });
    this.inFlight = entry;
    return entry.done;
  }

  info(): InfraSource {
    return {
      id: this.source.id,
      kind: this.source.kind,
      name: this.source.name,
      state: this.state,
      lastSuccessAt: this.lastSuccessAt,
      lastAttemptAt: this.lastAttemptAt,
      error: this.error,
      pollIntervalSeconds: this.source.reportedIntervalSeconds,
      refreshable: this.source.refreshable,
    };
  }

  tiles(): InfraTile[] {
    if (this.tileList.length || this.lastSuccessAt) return this.tileList;
    return [placeholderTile(this.info(), null)];
  }

  /** A tile detail as JSON and gzip, cached until the next poll ends; undefined when the tile is not this source's. */
  tileDetail(tileId: string): Promise<SerializedDetail> | undefined {
    const cached = this.detailJson.get(tileId);
    if (cached) return cached;
    const members = this.tileMembers(tileId);
    const tile = members && this.tiles().find((t) => t.id === tileId);
    if (!members || !tile) return undefined;
    const serialized = serialize(
      JSON.stringify(InfraTileDetail.parse({ tile, source: this.info(), members })),
    );
    this.detailJson.set(tileId, serialized);
    return serialized;
  }

  /** Every member of the source with its tile, as JSON and gzip, cached until the next poll ends. */
  sourceMembers(): Promise<SerializedDetail> {
    if (this.sourceJson) return this.sourceJson;
    const tiles = this.tiles();
    const grouped = tiles.length > 1 || tiles.some((t) => t.id !== this.source.id);
    const members = tiles.flatMap((tile) =>
      (this.tileMembers(tile.id) ?? []).map((m) => ({
        ...m,
        tileId: tile.id,
        group: grouped ? tile.title : null,
      })),
    );
    this.sourceJson = serialize(
      JSON.stringify(InfraSourceMembers.parse({ source: this.info(), tiles, members })),
    );
    return this.sourceJson;
  }

  /** Members of one of this source's tiles; undefined when the tile is not this source's. */
  tileMembers(tileId: string): InfraResource[] | undefined {
    const found = this.members.get(tileId);
    if (found) return found;
    return !this.lastSuccessAt && tileId === this.source.id ? [] : undefined;
  }

  /**
   * Takes the poll the replica that polls this source stored, exactly as if it had run here: the same
   * cache update and the same `onPolled`. Older or already taken polls, and polls made with other
   * settings than this replica knows, are ignored.
   */
  async adopt(): Promise<void> {
    const source = this.source;
    if (!this.ownership || this.stopped) return;
    let stored: SharedPoll | null;
    try {
      stored = await this.ownership.read(source.id);
    } catch (err) {
      this.log.warn({ source: source.id, code: 'shared_poll_unreadable' }, String(err));
      return;
    }
    if (!stored || stored.revision !== source.revision || source !== this.source || this.stopped) return;
    if (stored.attemptedAt <= this.adoptedAt) return;
    this.adoptedAt = stored.attemptedAt;
    this.lastAttemptAt = stored.attemptedAt;
    if (stored.snapshot && stored.successAt !== this.lastSuccessAt) {
      const built = buildTiles({ id: source.id, kind: source.kind }, stored.snapshot);
      this.tileList = built.tiles;
      this.members = built.members;
      this.lastSuccessAt = stored.successAt;
    }
    this.state = stored.error ? 'error' : 'ok';
    this.error = stored.error;
    this.detailJson.clear();
    this.sourceJson = null;
    this.onUpdate();
    this.tell(source, stored.error ? null : stored.snapshot, stored.error, new Date(stored.attemptedAt));
  }

  /** Sources that call out over the network are polled by one replica; the others are per process. */
  private async owns(source: PolledSource): Promise<boolean> {
    if (!this.ownership || source.local || source.reportedIntervalSeconds === null) return true;
    try {
      return await this.ownership.claim(source.id);
    } catch (err) {
      // PostgreSQL is out of reach: better a poll twice than a page that goes stale.
      this.log.warn({ source: source.id, code: 'poll_ownership_unavailable' }, String(err));
      return true;
    }
  }

  private share(source: PolledSource, snapshot: SharedPoll['snapshot'], error: SharedPoll['error']): void {
    if (!this.ownership || source.local || source.reportedIntervalSeconds === null) return;
    const poll: SharedPoll = {
      revision: source.revision,
      attemptedAt: this.lastAttemptAt ?? this.clock.now().toISOString(),
      successAt: this.lastSuccessAt,
      snapshot,
      error,
    };
    this.ownership
      .share(source.id, poll)
      .catch((err: unknown) =>
        this.log.warn({ source: source.id, code: 'shared_poll_unstored' }, String(err)),
      );
  }

  private tell(
    source: PolledSource,
    snapshot: PollOutcome['snapshot'],
    error: PollOutcome['error'],
    at: Date = this.clock.now(),
  ): void {
    try {
      this.onPolled({
        sourceId: source.id,
        kind: source.kind,
        name: source.name,
        at,
        snapshot,
        error,
      });
    } catch (err) {
      this.log.warn({ source: source.id, code: 'listener_failed' }, String(err));
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), this.source.pollIntervalSeconds * 1000);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    const source = this.source;
    if (!(await this.owns(source))) {
      await this.adopt(); // another replica polls it: take what it stored
      return;
    }
    if (source !== this.source || this.stopped) return;
    const controller = new AbortController();
    this.controller = controller;
    const timeoutMs = source.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      const fail = () =>
        reject(new IntegrationError('timeout', `No answer within ${Math.round(timeoutMs / 1000)} s.`));
      timer = setTimeout(() => {
        controller.abort();
        fail();
      }, timeoutMs);
      controller.signal.addEventListener('abort', fail);
    });
    this.lastAttemptAt = this.clock.now().toISOString();
    const started = performance.now();
    let failure: string | null = null;
    try {
      const snapshot = await Promise.race([source.poll(controller.signal), timedOut]);
      if (source !== this.source || this.stopped) return;
      const built = buildTiles({ id: source.id, kind: source.kind }, snapshot);
      this.tileList = built.tiles;
      this.members = built.members;
      this.state = 'ok';
      this.error = null;
      this.lastSuccessAt = this.clock.now().toISOString();
      this.share(source, snapshot, null);
      this.tell(source, snapshot, null);
    } catch (err) {
      const e = asIntegrationError(err);
      failure = e.code;
      if (source !== this.source || this.stopped) return;
      this.state = 'error';
      this.error = { code: e.code, message: e.message };
      this.log.warn({ source: source.id, code: e.code }, 'infrastructure poll failed');
      this.share(source, null, this.error);
      this.tell(source, null, this.error);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.log.polled?.({ source: source.id, kind: source.kind, seconds, code: failure });
      this.detailJson.clear();
      this.sourceJson = null;
      this.onUpdate();
      clearTimeout(timer);
      if (this.controller === controller) this.controller = null;
    }
  }
}
