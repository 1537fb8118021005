import type { Host, HostReachability } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { Viewer } from '../hosts/host-access';
import type { HostsService } from '../hosts/hosts.service';
import { probeSshBanner, type ProbeResult } from './ssh-banner-probe';

export interface ReachabilityOptions {
  /** Time between rounds; 0 turns checks off (every host stays `unknown`). */
  intervalMs: number;
  /** One check's bound: TCP connect plus the banner. */
  timeoutMs: number;
  /** Checks in flight at once, across the whole instance. */
  concurrency: number;
}

export type Probe = (address: string, port: number, timeoutMs: number) => Promise<ProbeResult>;

export interface ReachabilityLog {
  warn(detail: object, message: string): void;
}

const unknown = (hostId: string, error: string | null = null): HostReachability => ({
  hostId,
  state: 'unknown',
  latencyMs: null,
  checkedAt: null,
  error,
  banner: null,
});

const target = (h: Host) => `${h.address}|${h.port}|${h.jumpHostIds.join(',')}`;

const BEHIND_JUMP = 'Reached through a jump host: not checked from here.';

/**
 * Checks every SSH host's port on an interval (TCP + banner, no login), at most `concurrency` at
 * once, and keeps the latest result per host in memory. Listeners hear each round's results (the
 * events socket, the Infrastructure SSH tile, and through it the alert rules).
 */
export class ReachabilityService {
  private readonly results = new Map<string, HostReachability>();
  /** What each result was checked against, so an edited address or port is checked again at once. */
  private readonly targets = new Map<string, string>();
  private readonly listeners: ((results: HostReachability[]) => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<HostReachability[]> | null = null;
  private running = false;
  private active = 0;
  private waiting: (() => void)[] = [];
  /** Highest number of checks seen in flight at once (tests read it to prove the cap). */
  peakInFlight = 0;

  constructor(
    private readonly hosts: HostsService,
    private readonly clock: Clock,
    readonly options: ReachabilityOptions,
    private readonly probe: Probe = probeSshBanner,
    private log: ReachabilityLog = { warn: () => undefined },
  ) {}

  get enabled(): boolean {
    return this.options.intervalMs > 0;
  }

  /** Runs a first round at once, then one per interval; the timer never keeps the process alive. */
  start(log?: ReachabilityLog): void {
    if (log) this.log = log;
    if (!this.enabled || this.running) return;
    this.running = true;
    this.timer = setInterval(() => void this.checkAll(), this.options.intervalMs);
    this.timer.unref();
    void this.checkAll();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Hears every round's (or single check's) fresh results. */
  onResults(listener: (results: HostReachability[]) => void): void {
    this.listeners.push(listener);
  }

  get(hostId: string): HostReachability {
    return this.results.get(hostId) ?? unknown(hostId, this.enabled ? null : 'Reachability checks are off.');
  }

  /** Results for the hosts a user may use, in the order of the host list. */
  async listFor(viewer: Viewer): Promise<HostReachability[]> {
    return (await this.hosts.listFor(viewer)).map((h) => this.forHost(h));
  }

  /** One round over every host; a round already in flight is joined rather than doubled. */
  checkAll(): Promise<HostReachability[]> {
    this.round ??= this.runRound().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  /** Checks hosts added or edited since the last round without waiting for the next one. */
  async checkNew(): Promise<void> {
    if (!this.enabled || !this.running) return;
    try {
      const hosts = await this.hosts.list();
      this.forgetGone(hosts);
      const fresh = hosts.filter((h) => this.targets.get(h.id) !== target(h));
      if (fresh.length) this.publish(await Promise.all(fresh.map((h) => this.check(h))));
    } catch (err) {
      this.log.warn({ err }, 'SSH reachability check of new hosts failed');
    }
  }

  /** A host's latest result; a host behind a jump host is never checked directly. */
  forHost(h: Host): HostReachability {
    if (h.jumpHostIds.length) return unknown(h.id, BEHIND_JUMP);
    return this.get(h.id);
  }

  private async runRound(): Promise<HostReachability[]> {
    try {
      const hosts = await this.hosts.list();
      this.forgetGone(hosts);
      const results = await Promise.all(hosts.map((h) => this.check(h)));
      this.publish(results);
      return results;
    } catch (err) {
      this.log.warn({ err }, 'SSH reachability round failed');
      return [];
    }
  }

  private async check(host: Host): Promise<HostReachability> {
    this.targets.set(host.id, target(host));
    if (host.jumpHostIds.length) {
      const result = unknown(host.id, BEHIND_JUMP);
      this.results.set(host.id, result);
      return result;
    }
    await this.acquire();
    try {
      const outcome = await this.probe(host.address, host.port, this.options.timeoutMs);
      const result: HostReachability = outcome.ok
        ? {
            hostId: host.id,
            state: 'up',
            latencyMs: outcome.latencyMs,
            checkedAt: this.clock.now().toISOString(),
            error: null,
            banner: outcome.banner,
          }
        : {
            hostId: host.id,
            state: 'down',
            latencyMs: null,
            checkedAt: this.clock.now().toISOString(),
            error: outcome.error,
            banner: null,
          };
      this.results.set(host.id, result);
      return result;
    } finally {
      this.release();
    }
  }

  private forgetGone(hosts: Host[]): void {
    const ids = new Set(hosts.map((h) => h.id));
    for (const id of this.results.keys()) if (!ids.has(id)) this.results.delete(id);
    for (const id of this.targets.keys()) if (!ids.has(id)) this.targets.delete(id);
  }

  private publish(results: HostReachability[]): void {
    if (!results.length) return;
    for (const listener of this.listeners) {
      try {
        listener(results);
      } catch (err) {
        this.log.warn({ err }, 'SSH reachability listener failed');
      }
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active += 1;
      this.peakInFlight = Math.max(this.peakInFlight, this.active);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.active += 1;
        this.peakInFlight = Math.max(this.peakInFlight, this.active);
        resolve();
      });
    });
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }
}
