import { randomUUID } from 'node:crypto';
import type { AlertRule, CreateRuleBody, UpdateRuleBody } from '@archnest/contract';
import { CreateRuleBody as CreateRuleSchema } from '@archnest/contract';
import type { Clock } from '../../clock';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import type { AlertChannelsRepo } from './alert-channels.repo';
import type { AlertRulesRepo, RuleRow, StoredRule } from './alert-rules.repo';

const strip = ({ revision: _r, ...rule }: StoredRule): AlertRule => rule;

/** Rules: admins define them; a change of condition, scope or enablement starts their alerts afresh. */
export class AlertRulesService {
  private readonly listeners: ((ruleId: string, reset: boolean) => Promise<void>)[] = [];

  constructor(
    private readonly repo: AlertRulesRepo,
    private readonly channels: AlertChannelsRepo,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onChange(listener: (ruleId: string, reset: boolean) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async list(): Promise<AlertRule[]> {
    return (await this.repo.list()).map(strip);
  }

  stored(): Promise<StoredRule[]> {
    return this.repo.list();
  }

  async create(actor: Actor, body: CreateRuleBody): Promise<AlertRule> {
    const input = CreateRuleSchema.parse(body);
    await this.checkChannels(input.channelIds);
    const now = this.clock.now().toISOString();
    const row: RuleRow = {
      id: randomUUID(),
      name: input.name,
      enabled: input.enabled ? 1 : 0,
      condition: JSON.stringify(input.condition),
      scope: JSON.stringify(input.scope),
      severity: input.severity,
      for_seconds: input.forSeconds,
      resolve_after_seconds: input.resolveAfterSeconds,
      repeat_minutes: input.repeatMinutes,
      channel_ids: JSON.stringify([...new Set(input.channelIds)]),
      revision: 1,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row);
    await this.record(actor, 'alert_rule.created', row.id, row.name, { condition: input.condition.kind });
    await this.changed(row.id, false);
    return strip((await this.repo.find(row.id)) as StoredRule);
  }

  async update(actor: Actor, id: string, body: UpdateRuleBody): Promise<AlertRule> {
    const rule = await this.get(id);
    if (body.channelIds) await this.checkChannels(body.channelIds);
    const conditionChanged =
      body.condition !== undefined && JSON.stringify(body.condition) !== JSON.stringify(rule.condition);
    const scopeChanged =
      body.scope !== undefined && JSON.stringify(body.scope) !== JSON.stringify(rule.scope);
    const disabled = body.enabled === false && rule.enabled;
    const reset = conditionChanged || scopeChanged || disabled;
    await this.repo.update(id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
      ...(body.condition !== undefined ? { condition: JSON.stringify(body.condition) } : {}),
      ...(body.scope !== undefined ? { scope: JSON.stringify(body.scope) } : {}),
      ...(body.severity !== undefined ? { severity: body.severity } : {}),
      ...(body.forSeconds !== undefined ? { for_seconds: body.forSeconds } : {}),
      ...(body.resolveAfterSeconds !== undefined ? { resolve_after_seconds: body.resolveAfterSeconds } : {}),
      ...(body.repeatMinutes !== undefined ? { repeat_minutes: body.repeatMinutes } : {}),
      ...(body.channelIds !== undefined
        ? { channel_ids: JSON.stringify([...new Set(body.channelIds)]) }
        : {}),
      ...(reset ? { revision: rule.revision + 1 } : {}),
      updated_at: this.clock.now().toISOString(),
    });
    await this.record(actor, 'alert_rule.updated', id, body.name ?? rule.name, { fields: Object.keys(body) });
    await this.changed(id, reset);
    return strip(await this.get(id));
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const rule = await this.get(id);
    await this.repo.delete(id);
    await this.record(actor, 'alert_rule.deleted', id, rule.name, {});
    await this.changed(id, true);
  }

  private async checkChannels(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (!(await this.channels.find(id))) {
        throw new AppError(400, 'invalid_request', `Channel ${id} does not exist.`, {}, [
          { path: ['channelIds'], message: `Channel ${id} does not exist.` },
        ]);
      }
    }
  }

  private async get(id: string): Promise<StoredRule> {
    const rule = await this.repo.find(id);
    if (!rule) throw notFound('Rule');
    return rule;
  }

  private record(actor: Actor, action: string, id: string, name: string, detail: Record<string, unknown>) {
    return this.audit.record(actor, {
      action,
      targetType: 'alert_rule',
      targetId: id,
      targetName: name,
      detail,
    });
  }

  private async changed(ruleId: string, reset: boolean): Promise<void> {
    for (const listener of this.listeners) await listener(ruleId, reset);
  }
}
