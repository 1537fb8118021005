import type { ActiveAlert, AlertEvent } from '@archnest/contract';
import type { Clock } from '../../clock';
import { notFound } from '../../http/app-error';
import type { PollOutcome } from '../infrastructure/resource-source';
import { CONDITION_SUBJECT, evaluate, type EvalContext } from './alert-conditions';
import { optedOut, scopeMatcher } from './alert-scope';
import { step, type AlertState } from './alert-state';
import type { AlertStatesRepo, PersistBatch } from './alert-states.repo';
import { subjectsOf, type AlertSubject, type SubjectKind } from './alert-subject';
import type { StoredRule } from './alert-rules.repo';
import { RestartTracker } from './restart-tracker';
import type { QueuedDelivery } from './delivery-queue';

export interface EngineLog {
  warn(detail: object, message: string): void;
}

/** What the engine needs from outside: rules and routing, and where its decisions go. */
export interface EngineDeps {
  states: AlertStatesRepo;
  clock: Clock;
  /** Enabled rules with the channels each reaches (its own plus users' subscriptions, enabled only). */
  loadRules(): Promise<{ rule: StoredRule; channelIds: string[] }[]>;
  enqueue(deliveries: QueuedDelivery[]): void;
  published(event: AlertEvent): void;
  log: EngineLog;
}

interface LoadedRule {
  rule: StoredRule;
  channelIds: string[];
  states: Map<string, AlertState>;
  inScope: (subject: AlertSubject) => boolean;
  /** Per state key: the observation that last saw its subject (instead of a set per poll). */
  seen: Map<string, number>;
}

/** A user's stop of a container through ArchNest, so its non-zero exit is not "unexpected". */
interface UserStop {
  sourceId: string;
  ref: string;
}

/**
 * Evaluates every enabled rule against each poll's outcome as it lands, in memory; only transitions
 * touch the database (state, history event and queued deliveries in one transaction), serialised in
 * arrival order. Delivery runs elsewhere, so a slow channel never holds up a poller.
 */
export class AlertEngine {
  private rules: LoadedRule[] = [];
  private readonly restarts = new RestartTracker();
  private readonly userStops: UserStop[] = [];
  private writes: Promise<void> = Promise.resolve();
  private loaded = false;
  private observation = 0;
  private reloads: Promise<void> = Promise.resolve();
  /** A follower replica: keeps rules and states for reading, evaluates and writes nothing. */
  private passive = false;

  constructor(private readonly deps: EngineDeps) {}

  setPassive(passive: boolean): void {
    this.passive = passive;
  }

  /** Drops what is in memory and loads rules and states afresh from the database. */
  async refresh(): Promise<void> {
    await this.writes;
    const states = await this.deps.states.all();
    this.rules = [];
    await this.reload(states);
    this.loaded = true;
  }

  /** Another replica muted (or unmuted) an alert and stored it: the same in memory here. */
  applyMute(id: string, until: string | null): void {
    const sep = id.indexOf('|');
    const state = this.rules.find((r) => r.rule.id === id.slice(0, sep))?.states.get(id.slice(sep + 1));
    if (state && sep >= 0) state.mutedUntil = until === null ? null : Date.parse(until);
  }

  /** Loads rules and every stored state; must finish before the first poll is observed. */
  async start(): Promise<void> {
    const states = await this.deps.states.all();
    await this.reload(states);
    this.loaded = true;
  }

  /**
   * Re-reads rules and routing (after any rule, channel or subscription change); states stay. Reloads
   * run one after another, so the latest change is the one that stays loaded.
   */
  reload(initial?: AlertState[]): Promise<void> {
    const next = this.reloads.then(() => this.reloadNow(initial));
    this.reloads = next.catch(() => undefined);
    return next;
  }

  private async reloadNow(initial?: AlertState[]): Promise<void> {
    await this.writes;
    const loaded = await this.deps.loadRules();
    const previous = new Map(this.rules.map((r) => [r.rule.id, r]));
    this.rules = loaded.map(({ rule, channelIds }) => {
      const old = previous.get(rule.id);
      const states = old && old.rule.revision === rule.revision ? old.states : new Map<string, AlertState>();
      return { rule, channelIds, states, inScope: scopeMatcher(rule.scope), seen: new Map<string, number>() };
    });
    if (initial) {
      const byRule = new Map(this.rules.map((r) => [r.rule.id, r]));
      for (const s of initial) byRule.get(s.ruleId)?.states.set(s.subjectKey, s);
    }
  }

  /** Drops a rule's states (its condition or scope changed, or it is gone). */
  async resetRule(ruleId: string): Promise<void> {
    await this.writes;
    for (const r of this.rules) if (r.rule.id === ruleId) r.states.clear();
    await this.deps.states.deleteForRule(ruleId);
  }

  /** Drops the states of a source that no longer exists, silently: nothing can clear them any more. */
  forgetSource(sourceId: string): void {
    if (this.passive) return;
    const batch: PersistBatch = { upserts: [], deletes: [], events: [] };
    for (const loaded of this.rules) {
      for (const [key, state] of loaded.states) {
        if (state.sourceId !== sourceId) continue;
        loaded.states.delete(key);
        loaded.seen.delete(key);
        batch.deletes.push({ ruleId: loaded.rule.id, subjectKey: key });
      }
    }
    if (batch.deletes.length) this.persist(batch, this.deps.clock.now().toISOString());
  }

  /** Waits for every decided transition to be stored (tests, shutdown). */
  settled(): Promise<void> {
    return this.writes;
  }

  recordUserStop(sourceId: string, ref: string): void {
    this.userStops.push({ sourceId, ref });
    if (this.userStops.length > 1000) this.userStops.shift();
  }

  active(): ActiveAlert[] {
    const list: ActiveAlert[] = [];
    for (const { rule, states } of this.rules) {
      for (const s of states.values()) list.push(this.toActive(rule, s));
    }
    return list.sort((a, b) => b.since.localeCompare(a.since));
  }

  async mute(id: string, until: string | null): Promise<ActiveAlert> {
    await this.writes;
    const sep = id.indexOf('|');
    const ruleId = id.slice(0, sep);
    const subjectKey = id.slice(sep + 1);
    const loaded = this.rules.find((r) => r.rule.id === ruleId);
    const state = loaded?.states.get(subjectKey);
    if (!loaded || !state || sep < 0) throw notFound('Alert');
    state.mutedUntil = until === null ? null : Date.parse(until);
    await this.deps.states.setMute(ruleId, subjectKey, until === null ? null : new Date(until).toISOString());
    return this.toActive(loaded.rule, state);
  }

  /** Called by the pollers after every poll; synchronous work only, the writes queue behind. */
  observe(outcome: PollOutcome): void {
    if (!this.loaded || this.passive || this.rules.length === 0) return;
    const now = outcome.at.getTime();
    const subjects = subjectsOf(outcome);
    const byKind = new Map<SubjectKind, AlertSubject[]>();
    for (const s of subjects) {
      const list = byKind.get(s.kind);
      if (list) list.push(s);
      else byKind.set(s.kind, [s]);
      if (s.container) {
        this.restarts.observe(s, now);
        if (s.container.state === 'running' && this.userStops.length) this.clearUserStop(s);
      }
    }
    const stamp = ++this.observation;
    const ctx: EvalContext = {
      restarts: this.restarts,
      stoppedByUser: (s) => this.stoppedByUser(s),
      now,
    };
    const batch: PersistBatch = { upserts: [], deletes: [], events: [] };
    const at = new Date(now).toISOString();
    for (const loaded of this.rules) {
      const { rule, states, seen } = loaded;
      const candidates = byKind.get(CONDITION_SUBJECT[rule.condition.kind]) ?? [];
      const tracked = states.size > 0;
      for (const subject of candidates) {
        const prev = tracked ? states.get(subject.key) : undefined;
        if (prev) seen.set(subject.key, stamp);
        const applies = !optedOut(subject) && loaded.inScope(subject);
        if (!applies && !prev) continue;
        const message = applies ? evaluate(rule.condition, subject, ctx) : null;
        if (message === null && !prev) continue;
        this.apply(loaded, subject.key, subject, message, prev, now, at, batch);
      }
      // A container, guest or monitor the source no longer lists is clear (only after a good poll).
      if (outcome.snapshot) {
        for (const [key, prev] of states) {
          if (prev.sourceId !== outcome.sourceId || seen.get(key) === stamp) continue;
          seen.delete(key);
          this.apply(loaded, key, null, null, prev, now, at, batch);
        }
      }
    }
    if (batch.upserts.length || batch.deletes.length || batch.events.length) this.persist(batch, at);
  }

  private apply(
    loaded: LoadedRule,
    key: string,
    subject: AlertSubject | null,
    message: string | null,
    prev: AlertState | undefined,
    now: number,
    at: string,
    batch: PersistBatch,
  ): void {
    const { rule, states } = loaded;
    const result = step(
      rule,
      prev,
      {
        ruleId: rule.id,
        subjectKey: key,
        sourceId: subject?.sourceId ?? prev?.sourceId ?? '',
        subjectName: subject?.name ?? prev?.subjectName ?? key,
        host: subject?.host ?? prev?.host ?? '',
        message,
      },
      now,
    );
    if (result.next) {
      states.set(key, result.next);
      if (!prev) loaded.seen.set(key, this.observation);
    } else {
      states.delete(key);
      loaded.seen.delete(key);
    }
    if (result.changed) {
      if (result.next) batch.upserts.push(result.next);
      else batch.deletes.push({ ruleId: rule.id, subjectKey: key });
    }
    if (result.emit) {
      const last = result.next ?? prev;
      batch.events.push({
        event: {
          at,
          kind: result.emit,
          ruleId: rule.id,
          ruleName: rule.name,
          severity: rule.severity,
          subjectKey: key,
          subjectName: last?.subjectName ?? key,
          host: last?.host ?? '',
          message: last?.message ?? '',
        },
        channelIds: loaded.channelIds,
      });
    }
  }

  private persist(batch: PersistBatch, at: string): void {
    this.writes = this.writes
      .then(async () => {
        const persisted = await this.deps.states.apply(batch, at);
        this.deps.enqueue(persisted.deliveries);
        for (const event of persisted.events) this.deps.published(event);
      })
      .catch((err: unknown) => this.deps.log.warn({ err }, 'alert state could not be stored'));
  }

  private stoppedByUser(s: AlertSubject): boolean {
    const id = s.container?.id ?? '';
    return this.userStops.some(
      (u) => u.sourceId === s.sourceId && (u.ref === s.name || (u.ref.length >= 12 && id.startsWith(u.ref))),
    );
  }

  private clearUserStop(s: AlertSubject): void {
    const id = s.container?.id ?? '';
    for (let i = this.userStops.length - 1; i >= 0; i--) {
      const u = this.userStops[i];
      if (
        u &&
        u.sourceId === s.sourceId &&
        (u.ref === s.name || (u.ref.length >= 12 && id.startsWith(u.ref)))
      )
        this.userStops.splice(i, 1);
    }
  }

  private toActive(rule: StoredRule, s: AlertState): ActiveAlert {
    const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString());
    return {
      id: `${rule.id}|${s.subjectKey}`,
      ruleId: rule.id,
      ruleName: rule.name,
      severity: rule.severity,
      subjectKey: s.subjectKey,
      subjectName: s.subjectName,
      host: s.host,
      status: s.status,
      since: new Date(s.since).toISOString(),
      firingSince: iso(s.firingSince),
      clearSince: iso(s.clearSince),
      message: s.message,
      mutedUntil: iso(s.mutedUntil),
    };
  }
}
