import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './password-policy';

export const Role = z.enum(['admin', 'member']);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .trim()
  .min(3, 'Username needs at least 3 characters.')
  .max(32, 'Username can have at most 32 characters.')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'Use letters, digits, dot, underscore or dash; start with a letter or digit.',
  );

/** Policy (length, variety) is checked by the service so the answer can name every problem at once. */
export const Password = z.string().min(1, 'Password is required.').max(PASSWORD_MAX_LENGTH);

export const User = z.object({
  id: z.string(),
  username: z.string(),
  role: Role,
  active: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserIdParams = z.object({ id: z.string().min(1).max(64) });

export const CreateUserBody = z.object({ username: Username, password: Password, role: Role });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({ role: Role.optional(), active: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.active !== undefined, 'Give role, active or both.');
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.object({ password: Password });

export const SEAT_LIMIT = 10;
