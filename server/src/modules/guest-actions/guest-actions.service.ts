import { randomUUID } from 'node:crypto';
import { EventEmitter, setMaxListeners } from 'node:events';
import type { GuestPowerBody, GuestTask, GuestType } from '@archnest/contract';
import type { Clock } from '../../clock';
import { AppError, notFound } from '../../http/app-error';
import {
  hasGuestPowerActions,
  type GuestPowerActions,
  type GuestRef,
  type Integration,
  type StartedTask,
} from '../../integrations/integration';
import type { Actor, AuditService } from '../audit/audit.service';
import type { InfrastructureService } from '../infrastructure/infrastructure.service';
import type { IntegrationsService } from '../integrations/integrations.service';
import { guestActionRefusal } from './guest-action-refusal';
import { GuestTasksStore } from './guest-tasks.store';
import { followTask, type FollowTiming } from './task-follower';

export interface GuestTarget extends GuestRef {
  integrationId: string;
}

/** After an HA task the HA manager acts on its own; the source is read once more after this delay. */
const HA_SETTLE_MS = 5_000;

export const defaultFollowTiming: FollowTiming = {
  pollMs: 1_000,
  readTimeoutMs: 10_000,
  maxFollowMs: 60 * 60_000,
  maxFailures: 5,
};

const guestLabel = (t: GuestTarget) => `${t.type === 'qemu' ? 'VM' : 'CT'} ${t.vmid} on ${t.node}`;

/**
 * Power actions on hypervisor guests: asks the integration to start the action, answers with the task at
 * once, follows it to its end in the background, audits the request and the outcome, pushes every
 * change to listeners (the events socket), and has the source polled again as soon as the task ends.
 */
export class GuestActionsService {
  private readonly store = new GuestTasksStore();
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly stopping = new AbortController();
  private readonly following = new Set<Promise<void>>();

  constructor(
    private readonly integrations: IntegrationsService,
    private readonly infrastructure: InfrastructureService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly timing: FollowTiming = defaultFollowTiming,
  ) {
    // One listener per task being followed.
    setMaxListeners(0, this.stopping.signal);
    integrations.onChange((id) => {
      void integrations.get(id).catch(() => this.store.forget(id));
    });
  }

  onTask(listener: (task: GuestTask) => void): () => void {
    this.emitter.on('task', listener);
    return () => this.emitter.off('task', listener);
  }

  async list(integrationId: string): Promise<GuestTask[]> {
    await this.integrations.get(integrationId);
    return this.store.list(integrationId);
  }

  async get(integrationId: string, taskId: string): Promise<GuestTask> {
    await this.integrations.get(integrationId);
    const task = this.store.get(integrationId, taskId);
    if (!task) throw notFound('Task');
    return task;
  }

  async act(actor: Actor, target: GuestTarget, body: GuestPowerBody): Promise<GuestTask> {
    const row = await this.integrations.get(target.integrationId);
    const integration = this.integrations.integrationFor(row);
    const guestName = this.infrastructure.memberName(
      `integration:${row.id}:node:${target.node}`,
      `${target.type}/${target.vmid}`,
    );
    const audited = {
      targetType: 'guest',
      targetId: `${row.id}/${target.node}/${target.type}/${target.vmid}`,
      targetName: guestName ?? guestLabel(target),
    };
    const base = {
      action: body.action,
      integration: row.name,
      node: target.node,
      guestType: target.type,
      vmid: target.vmid,
    };
    let started: StartedTask;
    try {
      const actions = this.powerActions(integration, row.kind, target.type, body.action);
      const options = { forceStop: body.forceStop, timeoutSeconds: body.timeoutSeconds };
      started = await actions.startPowerAction(
        target,
        body.action,
        options,
        AbortSignal.timeout(row.timeout_seconds * 1000),
      );
    } catch (err) {
      integration.dispose();
      const refusal = guestActionRefusal(err);
      await this.audit.record(actor, {
        action: 'guest.power.refused',
        ...audited,
        detail: { ...base, outcome: 'refused', error: refusal.code, message: refusal.message },
      });
      throw refusal;
    }
    const task: GuestTask = {
      id: randomUUID(),
      integrationId: row.id,
      node: target.node,
      guestType: target.type,
      vmid: target.vmid,
      guestName,
      action: body.action,
      upid: started.id,
      taskType: started.type,
      ha: started.ha,
      actor: actor.name,
      state: 'running',
      exitStatus: null,
      startedAt: this.clock.now().toISOString(),
      endedAt: null,
      log: [],
    };
    this.publish(task);
    // Proxmox is already at work: follow the task even if writing the audit row fails.
    const startedAudit = this.audit.record(actor, {
      action: 'guest.power.started',
      ...audited,
      detail: { ...base, outcome: 'started', upid: started.id, taskType: started.type, ha: started.ha },
    });
    const done = this.follow(actor, integration as Integration & GuestPowerActions, started, task, {
      audited,
      base,
      startedAudit,
    }).finally(() => {
      integration.dispose();
      this.following.delete(done);
    });
    this.following.add(done);
    await startedAudit;
    return task;
  }

  /** Stops following (the tasks go on in the hypervisor); resolves when every follower has ended. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.following]);
  }

  private async follow(
    actor: Actor,
    actions: GuestPowerActions,
    started: StartedTask,
    initial: GuestTask,
    record: {
      audited: { targetType: string; targetId: string; targetName: string };
      base: Record<string, unknown>;
      /** The start's audit row, written before the end's. */
      startedAudit: Promise<void>;
    },
  ): Promise<void> {
    const { audited, base } = record;
    let task = initial;
    const outcome = await followTask(actions, started, this.timing, this.stopping.signal, (update) => {
      task = { ...task, log: update.log };
      this.publish(task);
    });
    const sourceId = `integration:${task.integrationId}`;
    // The guest's new state is read before anyone is told the task ended, so the two agree
    // (not while the server stops: nobody is left to tell).
    if (!this.stopping.signal.aborted) await this.infrastructure.refresh(sourceId).catch(() => undefined);
    task = {
      ...task,
      state: outcome.state,
      exitStatus: outcome.exitStatus,
      log: outcome.log,
      endedAt: this.clock.now().toISOString(),
    };
    this.publish(task);
    await record.startedAudit.catch(() => undefined);
    await this.audit
      .record(actor, {
        action: 'guest.power.ended',
        ...audited,
        detail: { ...base, outcome: outcome.state, upid: started.id, exitStatus: outcome.exitStatus },
      })
      .catch(() => undefined);
    if (started.ha && !this.stopping.signal.aborted) {
      setTimeout(
        () => void this.infrastructure.refresh(sourceId).catch(() => undefined),
        HA_SETTLE_MS,
      ).unref();
    }
  }

  private publish(task: GuestTask): void {
    this.store.put(task);
    this.emitter.emit('task', task);
  }

  private powerActions(
    integration: Integration,
    kind: string,
    type: GuestType,
    action: GuestPowerBody['action'],
  ): GuestPowerActions {
    if (!hasGuestPowerActions(integration)) {
      throw new AppError(400, 'action_unsupported', `${kind} integrations have no guest power actions.`);
    }
    if (!integration.supportsPowerAction(type, action)) {
      throw new AppError(
        400,
        'action_unsupported',
        `${action} is not offered for ${type === 'lxc' ? 'LXC containers' : 'QEMU VMs'}: Proxmox VE marks it experimental.`,
      );
    }
    return integration;
  }
}
