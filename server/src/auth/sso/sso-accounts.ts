import { randomBytes, randomUUID } from 'node:crypto';
import { SEAT_LIMIT, type Role } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { Actor, AuditService } from '../../modules/audit/audit.service';
import { usernameKey, type UsersRepo } from '../../modules/users/users.repo';
import type { Mutex } from '../../util/mutex';
import type { UserRow } from '../auth-context';
import { hashPassword } from '../passwords';
import { SsoRefusal } from './sso-refusal';
import type { SsoRepo } from './sso.repo';

export interface Identity {
  issuer: string;
  subject: string;
}

/**
 * Account rules of single sign-on. Provisioning and role changes run under the same lock as the
 * users service, so the seat cap and the last-admin rule hold however many callbacks arrive at once.
 */
export class SsoAccounts {
  constructor(
    private readonly users: UsersRepo,
    private readonly repo: SsoRepo,
    private readonly accountLock: Mutex,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  findUser(id: string): Promise<UserRow | undefined> {
    return this.users.findById(id);
  }

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.users.findByUsername(username);
  }

  /** Creates a member (or admin, when the admin group maps so) linked to the identity. */
  async provision(identity: Identity, username: string, role: Role, meta: Actor): Promise<UserRow> {
    // Nobody knows this password: the account signs in through the provider until an admin sets one.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    const user = await this.accountLock.run(async () => {
      if (await this.users.findByUsername(username)) throw new SsoRefusal('no_account', username);
      if ((await this.users.countActive()) >= SEAT_LIMIT) throw new SsoRefusal('seat_limit', username);
      const now = this.clock.now().toISOString();
      const row: UserRow = {
        id: randomUUID(),
        username,
        username_key: usernameKey(username),
        password_hash: passwordHash,
        role,
        active: 1,
        created_at: now,
        updated_at: now,
      };
      await this.users.insert(row);
      await this.repo.linkIdentity({ ...identity, user_id: row.id, linked_at: now, last_login_at: now });
      return row;
    });
    await this.audit.record(
      { ...meta, id: user.id, name: user.username },
      {
        action: 'sso.user_provisioned',
        targetType: 'user',
        targetId: user.id,
        targetName: user.username,
        detail: { role, issuer: identity.issuer, subject: identity.subject },
      },
    );
    return user;
  }

  async link(identity: Identity, user: UserRow, meta: Actor): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.repo.linkIdentity({ ...identity, user_id: user.id, linked_at: now, last_login_at: now });
    await this.audit.record(
      { ...meta, id: user.id, name: user.username },
      {
        action: 'sso.identity_linked',
        targetType: 'user',
        targetId: user.id,
        targetName: user.username,
        detail: { issuer: identity.issuer, subject: identity.subject },
      },
    );
  }

  /**
   * Applies the role the groups map to, unless the role is pinned or no admin group is configured.
   * The last active admin is never demoted this way: the role stays and the skip is audited.
   */
  async applyRole(user: UserRow, wanted: Role | null, meta: Actor): Promise<UserRow> {
    if (!wanted || wanted === user.role) return user;
    if (await this.repo.isPinned(user.id)) return user;
    const outcome = await this.accountLock.run(async () => {
      const fresh = await this.users.findById(user.id);
      if (!fresh || fresh.role === wanted) return { row: fresh ?? user, changed: false, kept: false };
      if (fresh.role === 'admin' && fresh.active === 1 && (await this.users.countActive('admin')) <= 1) {
        return { row: fresh, changed: false, kept: true };
      }
      const updatedAt = this.clock.now().toISOString();
      await this.users.update(fresh.id, { role: wanted, updated_at: updatedAt });
      return { row: { ...fresh, role: wanted, updated_at: updatedAt }, changed: true, kept: false };
    });
    if (outcome.changed || outcome.kept) {
      await this.audit.record(
        { ...meta, id: user.id, name: user.username },
        {
          action: outcome.changed ? 'sso.role_changed' : 'sso.last_admin_kept',
          targetType: 'user',
          targetId: user.id,
          targetName: user.username,
          detail: { from: user.role, to: outcome.changed ? wanted : user.role, mapped: wanted },
        },
      );
    }
    return outcome.row;
  }
}
