import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import { SourceSnapshotsRepo } from '../modules/infrastructure/source-snapshots.repo';
import type { Services } from '../services';
import { ClusterBus } from './cluster-bus';
import { LeaderElection } from './leader-election';
import { PgPollOwnership, SOURCE_POLLED } from './pg-poll-ownership';
import type { ClusterLog } from './pg-listener';

/** Session expiry and login audit retention run this often, on the leader. */
const SWEEP_MS = 60 * 60_000;
/** How often a follower tries to become the leader (and a leader checks its lock connection). */
export const DEFAULT_LEADER_RETRY_MS = 5_000;

export type ReplicaRole = 'single' | 'leader' | 'follower';

export interface Replication {
  role(): ReplicaRole;
  stop(): Promise<void>;
}

/**
 * The work only one process may do: alert evaluation and delivery with their retention, session
 * expiry and the login audit pruning. Started on the leader, stopped when it steps down.
 */
class LeaderJobs {
  private sweep: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: Services,
    private readonly log: ClusterLog,
  ) {}

  start(): Promise<void> {
    this.running = this.running.then(async () => {
      const { alerts, sessions, loginAudit } = this.services;
      await alerts.engine.refresh(); // another leader may have changed states since this one loaded
      alerts.engine.setPassive(false);
      await alerts.start();
      this.sweep = setInterval(() => {
        sessions.sweepExpired().catch((err: unknown) => this.log.warn({ err }, 'session sweep failed'));
        loginAudit.prune().catch((err: unknown) => this.log.warn({ err }, 'login audit prune failed'));
      }, SWEEP_MS);
      this.sweep.unref();
    });
    return this.running;
  }

  /** Resolves once the last start or stop has finished. */
  idle(): Promise<void> {
    return this.running;
  }

  stop(): Promise<void> {
    this.running = this.running.then(() => {
      this.services.alerts.engine.setPassive(true);
      this.services.alerts.stop();
      if (this.sweep) clearInterval(this.sweep);
      this.sweep = null;
    });
    return this.running;
  }
}

interface Options {
  services: Services;
  /** DATABASE_URL; without it the process is the only one and does everything. */
  databaseUrl: string | undefined;
  log: ClusterLog;
  retryMs?: number;
  /** Where the polling replica stores its polls for the others. */
  db: Kysely<DatabaseSchema>;
}

/**
 * Several ArchNest processes on one PostgreSQL behave as one: live events travel between them
 * (LISTEN/NOTIFY), alert rule changes, mutes and user stops reach the leader's engine, and the
 * singleton work runs on the leader only (advisory lock, taken over when the leader dies).
 */
export async function startReplication(options: Options): Promise<Replication> {
  const { services, log } = options;
  const jobs = new LeaderJobs(services, log);
  if (!options.databaseUrl) {
    await jobs.start();
    return { role: () => 'single', stop: () => jobs.stop() };
  }
  const { events, alerts } = services;
  const bus = new ClusterBus(options.databaseUrl, log);
  // Each integration and Docker host is polled by one replica; the others take its stored polls.
  const ownership = new PgPollOwnership(options.databaseUrl, new SourceSnapshotsRepo(options.db), bus, log);
  services.infrastructure.useOwnership(ownership);
  const leader = new LeaderElection(options.databaseUrl, options.retryMs ?? DEFAULT_LEADER_RETRY_MS, log);

  // A follower keeps the rules and states (the Alerts page reads them) without evaluating.
  alerts.engine.setPassive(true);
  await alerts.engine.start();

  events.relay = (kind, data) => bus.publish(kind, data);
  alerts.rules.onChange((ruleId, reset) => {
    bus.publish('alert_rules', { ruleId, reset });
    return Promise.resolve();
  });
  alerts.channels.onChange(() => bus.publish('alert_rules', { ruleId: null, reset: false }));
  alerts.onMuted((id, until) => bus.publish('alert_muted', { id, until }));
  services.containers.onAction((hostId, ref, action) => {
    if (action === 'stop' || action === 'pause' || action === 'remove')
      bus.publish('alert_user_stop', { sourceId: `docker:${hostId}`, ref });
  });
  // Caches other replicas keep: the two-factor policy, Docker connections, the pollers' source lists.
  services.twoFactor.onRequirementChanged(() => bus.publish('two_factor_policy', null));
  services.dockerHosts.onChange((id) => bus.publish('docker_host_changed', { id }));
  services.infrastructure.onSourcesChanged(() => bus.publish('sources_changed', null));
  // The leader stored a transition: a follower's copy of the states follows.
  events.onAlert(() => {
    if (!leader.isLeader)
      alerts.engine.refresh().catch((err: unknown) => log.warn({ err }, 'alert refresh failed'));
  });
  bus.onMessage(({ kind, data }) => {
    const message = (data ?? {}) as Record<string, unknown>;
    if (kind === 'alert_rules') {
      const ruleId = typeof message.ruleId === 'string' ? message.ruleId : null;
      void (ruleId && message.reset === true ? alerts.engine.resetRule(ruleId) : Promise.resolve())
        .then(() => alerts.engine.reload())
        .catch((err: unknown) => log.warn({ err }, 'alert rules could not be reloaded'));
    } else if (kind === 'alert_muted' && typeof message.id === 'string') {
      alerts.engine.applyMute(message.id, typeof message.until === 'string' ? message.until : null);
    } else if (kind === 'alert_user_stop' && typeof message.sourceId === 'string') {
      alerts.engine.recordUserStop(message.sourceId, String(message.ref));
    } else if (kind === 'two_factor_policy') {
      services.twoFactor.forgetRequirement();
    } else if (kind === 'docker_host_changed' && typeof message.id === 'string') {
      services.containerSources.drop(message.id);
    } else if (kind === 'sources_changed') {
      void services.infrastructure.sync();
    } else if (kind === SOURCE_POLLED && typeof message.sourceId === 'string') {
      void services.infrastructure.adopt(message.sourceId);
    } else {
      events.deliver(kind, data);
    }
  });
  await bus.start();

  leader.onChange((isLeader) => {
    void (isLeader ? jobs.start() : jobs.stop()).catch((err: unknown) =>
      log.warn({ err }, isLeader ? 'leader work could not start' : 'leader work could not stop'),
    );
  });
  await leader.start();
  await jobs.idle();
  return {
    role: () => (leader.isLeader ? 'leader' : 'follower'),
    async stop() {
      events.relay = null;
      await leader.stop();
      await jobs.stop();
      await ownership.stop();
      await bus.stop();
    },
  };
}
