import type { AuditPage } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { AuditPageQuery, AuditRepo } from './audit.repo';

/** Who did it: a signed-in user, or the admin command line on the server itself. */
export interface Actor {
  id: string | null;
  name: string;
  ip: string;
}

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId?: string | null;
  targetName?: string | null;
  detail?: Record<string, unknown>;
}

export const cliActor: Actor = { id: null, name: 'cli', ip: 'local' };

export class AuditService {
  constructor(
    private readonly repo: AuditRepo,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, record: AuditRecord): Promise<void> {
    await this.repo.insert({
      at: this.clock.now().toISOString(),
      actor_id: actor.id,
      actor_name: actor.name,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId ?? null,
      target_name: record.targetName ?? null,
      detail: JSON.stringify(record.detail ?? {}),
      ip: actor.ip,
    });
  }

  async page(query: AuditPageQuery): Promise<AuditPage> {
    const entries = await this.repo.page(query);
    const last = entries.at(-1);
    return { entries, nextBefore: entries.length === query.limit && last ? last.id : null };
  }
}
