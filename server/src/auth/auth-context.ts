import type { Selectable } from 'kysely';
import type { User } from '@archnest/contract';
import type { UsersTable } from '../db/schema';
import type { SessionRow } from './sessions.repo';

export type UserRow = Selectable<UsersTable>;

/** The personal API key a request was made with (see `auth/api-keys/`). */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  scope: 'read' | 'full';
}

/**
 * Who is calling: attached to every request that carries a live session or a valid API key. For a
 * key, `session` describes the key's use (`id` = `api-key:<key id>`, this request's IP) and `apiKey`
 * is set; routes that work on real sessions refuse keys in the guard, so they never see one.
 */
export interface AuthContext {
  user: UserRow;
  session: SessionRow;
  apiKey?: ApiKeyPrincipal;
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
