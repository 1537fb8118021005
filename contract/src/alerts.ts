import { z } from 'zod';
import { ChannelSummary } from './alert-channels';

/** What a rule watches; every condition reads data ArchNest already polls or receives. */
export const ConditionKind = z.enum([
  'container_exited',
  'container_unhealthy',
  'container_restart_loop',
  'container_cpu_above',
  'container_memory_above',
  'agent_host_stale',
  'source_failing',
  'proxmox_node_offline',
  'proxmox_guest_stopped',
  'kuma_monitor_down',
  'ssh_host_unreachable',
]);
export type ConditionKind = z.infer<typeof ConditionKind>;

const percent = z.number().min(1).max(10_000);

export const AlertCondition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('container_exited') }),
  z.object({ kind: z.literal('container_unhealthy') }),
  z.object({
    kind: z.literal('container_restart_loop'),
    restarts: z.number().int().min(2).max(1000),
    windowMinutes: z.number().int().min(1).max(1440),
  }),
  /** Percent as `docker stats` shows it (200 = two full cores). */
  z.object({ kind: z.literal('container_cpu_above'), percent }),
  /** Percent of the container's memory limit. */
  z.object({ kind: z.literal('container_memory_above'), percent: z.number().min(1).max(100) }),
  z.object({ kind: z.literal('agent_host_stale') }),
  z.object({ kind: z.literal('source_failing') }),
  z.object({ kind: z.literal('proxmox_node_offline') }),
  z.object({ kind: z.literal('proxmox_guest_stopped') }),
  z.object({ kind: z.literal('kuma_monitor_down') }),
  /** An SSH host's port check (TCP + banner) fails; hosts behind a jump host are not checked. */
  z.object({ kind: z.literal('ssh_host_unreachable') }),
]);
export type AlertCondition = z.infer<typeof AlertCondition>;

const glob = z.string().trim().min(1).max(200);

/** Which subjects a rule covers. Host and name take globs (`*`, `?`); a label is `key` or `key=value`. */
export const AlertScope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('host'), host: glob }),
  z.object({ type: z.literal('name'), pattern: glob }),
  z.object({ type: z.literal('label'), label: z.string().trim().min(1).max(300) }),
]);
export type AlertScope = z.infer<typeof AlertScope>;

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

const ruleFields = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean(),
  condition: AlertCondition,
  scope: AlertScope,
  severity: AlertSeverity,
  /** How long the condition must hold before the alert fires (pending until then). */
  forSeconds: z.number().int().min(0).max(86_400),
  /** How long the condition must stay clear before the alert resolves (flap damping). */
  resolveAfterSeconds: z.number().int().min(0).max(86_400),
  /** Repeat a firing alert this often; 0 never repeats. */
  repeatMinutes: z.number().int().min(0).max(10_080),
  /** Channels every firing of this rule goes to, besides each user's own subscriptions. */
  channelIds: z.array(z.string().min(1).max(64)).max(20),
};

export const CreateRuleBody = z.object({
  ...ruleFields,
  enabled: ruleFields.enabled.default(true),
  scope: ruleFields.scope.default({ type: 'all' }),
  severity: ruleFields.severity.default('warning'),
  forSeconds: ruleFields.forSeconds.default(0),
  resolveAfterSeconds: ruleFields.resolveAfterSeconds.default(60),
  repeatMinutes: ruleFields.repeatMinutes.default(0),
  channelIds: ruleFields.channelIds.default([]),
});
export type CreateRuleBody = z.input<typeof CreateRuleBody>;

export const UpdateRuleBody = z.object(ruleFields).partial();
export type UpdateRuleBody = z.input<typeof UpdateRuleBody>;

export const AlertRule = z.object({
  id: z.string(),
  ...ruleFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const RuleParams = z.object({ id: z.string().min(1).max(64) });

/** One rule and one subject that is not ok: pending (within "for") or firing. */
export const ActiveAlert = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  severity: AlertSeverity,
  subjectKey: z.string(),
  subjectName: z.string(),
  host: z.string(),
  status: z.enum(['pending', 'firing']),
  /** When the condition started to hold. */
  since: z.string(),
  firingSince: z.string().nullable(),
  /** Set while the condition is clear but not yet for `resolveAfterSeconds`. */
  clearSince: z.string().nullable(),
  message: z.string(),
  mutedUntil: z.string().nullable(),
});
export type ActiveAlert = z.infer<typeof ActiveAlert>;

export const AlertParams = z.object({ id: z.string().min(1).max(200) });
export const MuteBody = z.object({ until: z.iso.datetime({ offset: true }).nullable() });

export const AlertEventKind = z.enum(['firing', 'repeat', 'resolved']);
export type AlertEventKind = z.infer<typeof AlertEventKind>;

export const AlertEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: AlertEventKind,
  ruleId: z.string(),
  ruleName: z.string(),
  severity: AlertSeverity,
  subjectKey: z.string(),
  subjectName: z.string(),
  host: z.string(),
  message: z.string(),
});
export type AlertEvent = z.infer<typeof AlertEvent>;

export const AlertHistoryQuery = z.object({
  ruleId: z.string().max(64).optional(),
  kind: AlertEventKind.optional(),
  severity: AlertSeverity.optional(),
  /** Substring of the subject's name or host. */
  q: z.string().max(200).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  /** Events with a smaller id (the next page). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AlertHistoryQuery = z.input<typeof AlertHistoryQuery>;

export const AlertHistory = z.object({
  events: z.array(AlertEvent),
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: z.number().int().nullable(),
});
export type AlertHistory = z.infer<typeof AlertHistory>;

/** The bell: the latest events and how many the user has not read. */
export const AlertInbox = z.object({
  unread: z.number().int(),
  lastReadId: z.number().int(),
  events: z.array(AlertEvent),
});
export type AlertInbox = z.infer<typeof AlertInbox>;

export const MarkReadBody = z.object({ upToId: z.number().int().min(0) });

export const Subscription = z.object({
  ruleId: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
});
export type Subscription = z.infer<typeof Subscription>;

/** A user's own choice of which rules reach which channels. */
export const Subscriptions = z.object({
  rules: z.array(AlertRule.pick({ id: true, name: true, severity: true, enabled: true })),
  channels: z.array(ChannelSummary),
  subscriptions: z.array(Subscription),
});
export type Subscriptions = z.infer<typeof Subscriptions>;

export const PutSubscriptionsBody = z.object({ subscriptions: z.array(Subscription).max(500) });
