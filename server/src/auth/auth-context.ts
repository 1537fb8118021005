import type { Selectable } from 'kysely';
import type { User } from '@archnest/contract';
import type { UsersTable } from '../db/schema';
import type { SessionRow } from './sessions.repo';

export type UserRow = Selectable<UsersTable>;

/** Who is calling: attached to every request that carries a live session. */
export interface AuthContext {
  user: UserRow;
  session: SessionRow;
}

/** Request facts that go into audit rows and session records. */
export interface RequestMeta {
  ip: string;
  userAgent: string;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    active: row.active === 1,
    createdAt: row.created_at,
  };
}
