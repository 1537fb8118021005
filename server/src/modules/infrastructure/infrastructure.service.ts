import { InfraOverview, InfraSourceMembers, InfraTileDetail, type InfraSource } from '@archnest/contract';
import type { Clock } from '../../clock';
import { notFound } from '../../http/app-error';
import { PreSerialized } from '../../http/pre-serialized';
import { filterDetail, filterOverview, filterSourceMembers, type HiddenResources } from './host-visibility';
import type { PollOwnership } from './poll-ownership';
import type { PollOutcome, ResourceSourceProvider } from './resource-source';
import { SourcePoller, type PollLog } from './source-poller';

const RESYNC_MS = 30_000;
const KIND_ORDER = ['proxmox', 'aws-ec2', 'uptime-kuma', 'docker', 'agent', 'ssh'];

/** How the serialized overview starts before the cached rest (zod keeps the schema's key order). */
const PREFIX = '{"generatedAt":"",';

const silentLog: PollLog = { warn: () => undefined };

/**
 * The Infrastructure page's cache: one poller per source from every provider. Reads answer from the
 * cache at once and never wait on a source; only `refresh` waits, bounded by that source's timeout.
 */
export class InfrastructureService {
  private readonly pollers = new Map<string, SourcePoller>();
  private syncing: Promise<void> = Promise.resolve();
  private resync: NodeJS.Timeout | null = null;
  private running = false;
  private log: PollLog = silentLog;
  private ownership: PollOwnership | null = null;
  /** The overview after `"generatedAt":"…",`, serialized once per change instead of per request. */
  private overviewRest: string | null = null;
  private readonly invalidate = () => {
    this.overviewRest = null;
  };
  private readonly pollListeners: ((outcome: PollOutcome) => void)[] = [];
  private readonly removedListeners: ((sourceId: string) => void)[] = [];
  private readonly changeListeners: (() => void)[] = [];
  private readonly polled = (outcome: PollOutcome) => {
    for (const listener of this.pollListeners) listener(outcome);
  };

  constructor(
    private readonly providers: ResourceSourceProvider[],
    private readonly clock: Clock,
  ) {
    for (const provider of providers)
      provider.onChange?.(() => {
        for (const listener of this.changeListeners) listener();
        return this.sync();
      });
  }

  /** A host, integration or agent host changed here (other replicas re-read their sources through this). */
  onSourcesChanged(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** Every poll's outcome, as it lands in the cache: alert rules read it, so nothing is polled twice. */
  onPoll(listener: (outcome: PollOutcome) => void): void {
    this.pollListeners.push(listener);
  }

  /** A source is gone (its host or integration was removed): its alerts go with it. */
  onSourceRemoved(listener: (sourceId: string) => void): void {
    this.removedListeners.push(listener);
  }

  /** Several replicas: each polled source is polled by the one that owns it (call before `start`). */
  useOwnership(ownership: PollOwnership): void {
    this.ownership = ownership;
  }

  /** The replica that polls a source stored a poll: take it (a no-op for a source not known here). */
  adopt(sourceId: string): Promise<void> {
    return this.pollers.get(sourceId)?.adopt() ?? Promise.resolve();
  }

  /** Starts polling every source; the re-sync timer never keeps the process alive. */
  async start(log: PollLog = silentLog): Promise<void> {
    this.log = log;
    this.running = true;
    this.resync = setInterval(() => void this.sync(), RESYNC_MS);
    this.resync.unref();
    await this.sync();
  }

  stop(): void {
    this.running = false;
    if (this.resync) clearInterval(this.resync);
    for (const poller of this.pollers.values()) poller.stop();
    this.pollers.clear();
  }

  /** Re-reads the providers' source lists (serialised): new sources start, changed ones re-poll, gone ones stop. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncOnce()).catch(() => undefined);
    return this.syncing;
  }

  overview(): InfraOverview {
    const pollers = this.ordered();
    return {
      generatedAt: this.clock.now().toISOString(),
      sources: pollers.map((p) => p.info()),
      tiles: pollers.flatMap((p) => p.tiles()),
    };
  }

  /**
   * The overview as JSON: everything but `generatedAt` is serialized once per change. A user with
   * `hidden` resources (per-host access) gets a filtered copy serialized for them alone.
   */
  overviewJson(hidden: HiddenResources | null = null): PreSerialized<InfraOverview> {
    if (hidden) {
      const filtered = filterOverview(this.overview(), hidden, (tileId) => this.membersOf(tileId));
      return new PreSerialized(JSON.stringify(InfraOverview.parse(filtered)));
    }
    const generatedAt = JSON.stringify(this.clock.now().toISOString());
    if (this.overviewRest === null) {
      const json = JSON.stringify(InfraOverview.parse({ ...this.overview(), generatedAt: '' }));
      if (!json.startsWith(PREFIX)) throw new Error('overview serialized in an unexpected key order');
      this.overviewRest = json.slice(PREFIX.length);
    }
    return new PreSerialized(`{"generatedAt":${generatedAt},${this.overviewRest}`);
  }

  /** One tile with its source and members, serialized once per poll: a 5,000-member tile is read far more often than it changes. */
  async tileJson(
    tileId: string,
    hidden: HiddenResources | null = null,
  ): Promise<PreSerialized<InfraTileDetail>> {
    for (const poller of this.pollers.values()) {
      if (hidden) {
        if (hidden.sources.has(poller.id)) continue;
        const detail = poller.tileDetail(tileId);
        if (!detail) continue;
        const parsed = InfraTileDetail.parse(JSON.parse((await detail).json));
        return new PreSerialized(JSON.stringify(filterDetail(parsed, hidden)));
      }
      const detail = poller.tileDetail(tileId);
      if (detail) {
        const { json, gzip } = await detail;
        return new PreSerialized(json, gzip);
      }
    }
    throw notFound('Tile');
  }

  /** Every member of one source (its own tab), serialized once per poll like a tile. */
  async sourceMembersJson(
    sourceId: string,
    hidden: HiddenResources | null = null,
  ): Promise<PreSerialized<InfraSourceMembers>> {
    const poller = this.pollers.get(sourceId);
    if (!poller || hidden?.sources.has(sourceId)) throw notFound('Source');
    const { json, gzip } = await poller.sourceMembers();
    if (!hidden) return new PreSerialized(json, gzip);
    const parsed = InfraSourceMembers.parse(JSON.parse(json));
    return new PreSerialized(JSON.stringify(filterSourceMembers(parsed, hidden)));
  }

  /** A member's name as last polled; null when the tile or the member is not known. */
  memberName(tileId: string, memberId: string): string | null {
    for (const poller of this.pollers.values()) {
      const members = poller.tileMembers(tileId);
      if (members) return members.find((m) => m.id === memberId)?.name ?? null;
    }
    return null;
  }

  /** Polls one source now (joining a poll in flight) and answers with its state. */
  async refresh(sourceId: string, hidden: HiddenResources | null = null): Promise<InfraSource> {
    await this.syncing;
    const poller = this.pollers.get(sourceId);
    if (!poller || hidden?.sources.has(sourceId)) throw notFound('Source');
    if (poller.info().refreshable) await poller.poll();
    return poller.info();
  }

  private membersOf(tileId: string) {
    for (const poller of this.pollers.values()) {
      const members = poller.tileMembers(tileId);
      if (members) return members;
    }
    return undefined;
  }

  private async syncOnce(): Promise<void> {
    if (!this.running) return;
    const lists = await Promise.all(this.providers.map((p) => p.sources()));
    if (!this.running) return;
    const seen = new Set<string>();
    const localPolls: Promise<void>[] = [];
    for (const source of lists.flat()) {
      seen.add(source.id);
      const poller = this.pollers.get(source.id);
      if (!poller) {
        const created = new SourcePoller(
          source,
          this.clock,
          this.log,
          this.invalidate,
          this.polled,
          this.ownership,
        );
        this.pollers.set(source.id, created);
        this.invalidate();
        created.start();
        if (source.local) localPolls.push(created.poll());
      } else if (poller.revision !== source.revision) {
        poller.replace(source);
        if (source.local) localPolls.push(poller.poll());
      } else {
        source.dispose?.();
      }
    }
    for (const [id, poller] of this.pollers) {
      if (seen.has(id)) continue;
      poller.stop();
      this.pollers.delete(id);
      this.invalidate();
      this.ownership?.forget(id).catch(() => undefined);
      for (const listener of this.removedListeners) listener(id);
    }
    await Promise.all(localPolls);
  }

  private ordered(): SourcePoller[] {
    return [...this.pollers.values()].sort((a, b) => {
      const x = a.info();
      const y = b.info();
      return KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || x.name.localeCompare(y.name);
    });
  }
}
