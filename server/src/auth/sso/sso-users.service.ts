import type { SsoUser } from '@archnest/contract';
import type { Clock } from '../../clock';
import { notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../../modules/audit/audit.service';
import type { UsersRepo } from '../../modules/users/users.repo';
import type { UserRow } from '../auth-context';
import type { SsoIdentityRow, SsoRepo } from './sso.repo';

/** Admin view of who signs in through the provider, role pins and unlinking. */
export class SsoUsersService {
  constructor(
    private readonly users: UsersRepo,
    private readonly repo: SsoRepo,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<SsoUser[]> {
    const [users, identities, pins] = await Promise.all([
      this.users.list(),
      this.repo.listIdentities(),
      this.repo.listPins(),
    ]);
    const pinned = new Set(pins.map((p) => p.user_id));
    return users.map((u) =>
      view(
        u,
        identities.find((i) => i.user_id === u.id),
        pinned.has(u.id),
      ),
    );
  }

  async setPin(actor: Actor, userId: string, pinned: boolean): Promise<SsoUser> {
    const user = await this.require(userId);
    await this.repo.setPin(userId, pinned, actor.name, this.clock.now().toISOString());
    await this.audit.record(actor, {
      action: pinned ? 'sso.role_pinned' : 'sso.role_unpinned',
      targetType: 'user',
      targetId: user.id,
      targetName: user.username,
      detail: { role: user.role },
    });
    return (await this.list()).find((u) => u.id === userId)!;
  }

  async unlink(actor: Actor, userId: string): Promise<void> {
    const user = await this.require(userId);
    if (!(await this.repo.unlink(userId))) throw notFound('A linked identity');
    await this.audit.record(actor, {
      action: 'sso.identity_unlinked',
      targetType: 'user',
      targetId: user.id,
      targetName: user.username,
    });
  }

  private async require(id: string): Promise<UserRow> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('User');
    return user;
  }
}

function view(user: UserRow, identity: SsoIdentityRow | undefined, pinned: boolean): SsoUser {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    active: user.active === 1,
    rolePinned: pinned,
    identity: identity
      ? {
          issuer: identity.issuer,
          subject: identity.subject,
          linkedAt: identity.linked_at,
          lastLoginAt: identity.last_login_at,
        }
      : null,
  };
}
