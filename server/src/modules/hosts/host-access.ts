import type { AuthContext } from '../../auth/auth-context';
import { AppError } from '../../http/app-error';
import type { OpenedSecrets } from '../credentials/secret-fields';

/** Whose view of the hosts: admins use every host, members the `everyone` hosts and their grants. */
export interface Viewer {
  id: string;
  role: 'admin' | 'member';
}

export const viewerOf = (auth: AuthContext): Viewer => ({ id: auth.user.id, role: auth.user.role });

/** The same answer for a host that does not exist and one the caller may not use: existence never leaks. */
export const hostNotFound = () => new AppError(404, 'host_not_found', 'Host was not found.');

/** A user's own login to a per-user host, opened (saved and unsealed, or typed for one connection). */
export interface PersonalLogin {
  username: string;
  method: 'password' | 'key';
  secrets: OpenedSecrets;
}

/** A write that named a row another request deleted meanwhile (a user removed while being granted). */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}
