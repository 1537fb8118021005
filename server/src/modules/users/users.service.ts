import { randomUUID } from 'node:crypto';
import { SEAT_LIMIT, type CreateUserBody, type UpdateUserBody, type User } from '@archnest/contract';
import { toUser, type UserRow } from '../../auth/auth-context';
import { assertStrongPassword } from '../../auth/auth.service';
import { hashPassword } from '../../auth/passwords';
import type { SessionService } from '../../auth/session.service';
import type { Clock } from '../../clock';
import { AppError, notFound } from '../../http/app-error';
import type { Mutex } from '../../util/mutex';
import type { Actor, AuditService } from '../audit/audit.service';
import { usernameKey, type UsersRepo } from './users.repo';
import { retryOnConflict } from '../../db/retry-on-conflict';

const seatLimitError = () =>
  new AppError(409, 'seat_limit', `All ${SEAT_LIMIT} seats are in use. Deactivate or delete a user first.`);
const lastAdminError = () =>
  new AppError(409, 'last_admin', 'The last active admin cannot be demoted, deactivated or deleted.');

/** Admin user management. Every change is serialised (seat cap, last admin) and audited. */
export class UsersService {
  constructor(
    private readonly users: UsersRepo,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly accountLock: Mutex,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<User[]> {
    return (await this.users.list()).map(toUser);
  }

  async create(actor: Actor, body: CreateUserBody): Promise<User> {
    assertStrongPassword(body.password, body.username);
    const passwordHash = await hashPassword(body.password);
    const row = await this.accountLock.run(async () => {
      if (await this.users.findByUsername(body.username)) {
        throw new AppError(409, 'username_taken', `The username "${body.username}" is already taken.`);
      }
      if ((await this.users.countActive()) >= SEAT_LIMIT) throw seatLimitError();
      const now = this.clock.now().toISOString();
      const user: UserRow = {
        id: randomUUID(),
        username: body.username,
        username_key: usernameKey(body.username),
        password_hash: passwordHash,
        role: body.role,
        active: 1,
        created_at: now,
        updated_at: now,
      };
      await this.users.insert(user);
      return user;
    });
    await this.audit.record(actor, {
      action: 'user.created',
      targetType: 'user',
      targetId: row.id,
      targetName: row.username,
      detail: { role: row.role },
    });
    return toUser(row);
  }

  async update(actor: Actor, id: string, body: UpdateUserBody): Promise<User> {
    const { before, after } = await this.accountLock.run(async () => {
      const user = await this.require(id);
      const role = body.role ?? user.role;
      const active = body.active ?? user.active === 1;
      const losesAdmin = user.role === 'admin' && user.active === 1 && (role !== 'admin' || !active);
      if (losesAdmin && (await this.users.countActive('admin')) <= 1) throw lastAdminError();
      if (active && user.active !== 1 && (await this.users.countActive()) >= SEAT_LIMIT)
        throw seatLimitError();
      const changed: UserRow = {
        ...user,
        role,
        active: active ? 1 : 0,
        updated_at: this.clock.now().toISOString(),
      };
      await this.users.update(id, { role, active: changed.active, updated_at: changed.updated_at });
      return { before: user, after: changed };
    });
    if (before.active === 1 && after.active !== 1) {
      await this.sessions.endAllForUser(id, 'user_disabled');
    }
    const detail: Record<string, unknown> = {};
    if (before.role !== after.role) detail.role = { from: before.role, to: after.role };
    if (before.active !== after.active) detail.active = { from: before.active === 1, to: after.active === 1 };
    if (Object.keys(detail).length) {
      await this.audit.record(actor, {
        action: 'user.updated',
        targetType: 'user',
        targetId: id,
        targetName: after.username,
        detail,
      });
    }
    return toUser(after);
  }

  async resetPassword(actor: Actor, id: string, password: string): Promise<UserRow> {
    const user = await this.require(id);
    assertStrongPassword(password, user.username);
    await this.users.update(id, {
      password_hash: await hashPassword(password),
      updated_at: this.clock.now().toISOString(),
    });
    const ended = await this.sessions.endAllForUser(id, 'revoked');
    await this.audit.record(actor, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: id,
      targetName: user.username,
      detail: { endedSessions: ended },
    });
    return user;
  }

  async delete(actor: Actor, id: string): Promise<void> {
    const user = await this.accountLock.run(async () => {
      const found = await this.require(id);
      if (found.role === 'admin' && found.active === 1 && (await this.users.countActive('admin')) <= 1) {
        throw lastAdminError();
      }
      await this.sessions.endAllForUser(id, 'user_disabled');
      // Deleting cascades into grants and keys; a concurrent write on those may deadlock it once.
      await retryOnConflict(() => this.users.delete(id));
      return found;
    });
    await this.audit.record(actor, {
      action: 'user.deleted',
      targetType: 'user',
      targetId: id,
      targetName: user.username,
      detail: { role: user.role },
    });
  }

  /** For the admin command line, which names users rather than ids. */
  async findByUsername(username: string): Promise<UserRow | undefined> {
    return this.users.findByUsername(username);
  }

  private async require(id: string): Promise<UserRow> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('User');
    return user;
  }
}
