import { z } from 'zod';

/** `read`: GET and HEAD only. `full`: everything the key's user may do (except key and session management). */
export const ApiKeyScope = z.enum(['read', 'full']);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

/** Every key starts with this, so a leaked one is recognisable (e.g. by a secret scanner). */
export const API_KEY_PREFIX = 'ank_';
/** Days a new key may live at most; omit `expiresInDays` (or send null) for a key that never expires. */
export const API_KEY_MAX_DAYS = 3650;

export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  scope: ApiKeyScope,
  /** The first characters of the key (`ank_` + 4), enough to tell keys apart, never enough to use one. */
  hint: z.string(),
  userId: z.string(),
  username: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedIp: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const CreateApiKeyBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the key a name.')
      .max(64, 'A key name can have at most 64 characters.'),
    scope: ApiKeyScope,
    expiresInDays: z.number().int().min(1).max(API_KEY_MAX_DAYS).nullable().optional(),
  })
  .strict();
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

/** The only answer that ever carries the key itself. */
export const CreatedApiKey = ApiKey.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const ApiKeyIdParams = z.object({ id: z.string().min(1).max(64) });
