import { z } from 'zod';
import { SshUsername } from './hosts';

/**
 * Per-host access and per-user SSH credentials. A host is open to `everyone` (the default) or only to
 * `chosen` users; admins can always use every host. A host whose auth method is `per-user` stores no
 * secret: each user signs in with their own credential, saved here or typed when connecting.
 * (`HostAccessMode` and `AllowedUserIds` live in hosts.ts, which the host schemas need.)
 */
const Secret = z.string().min(1).max(16_384);
const PrivateKey = z
  .string()
  .max(16_384)
  .refine(
    (v) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v),
    'Paste a private key in PEM or OpenSSH format.',
  );

/** A user's own login for a per-user host: a password, or a private key with an optional passphrase. */
export const PersonalHostLogin = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), username: SshUsername, password: Secret }).strict(),
  z
    .object({
      kind: z.literal('key'),
      username: SshUsername,
      privateKey: PrivateKey,
      passphrase: Secret.optional(),
    })
    .strict(),
]);
export type PersonalHostLogin = z.infer<typeof PersonalHostLogin>;

/** What a user may know about their own saved credential: never the secret, only that it is set. */
export const MyHostCredential = z.object({
  set: z.boolean(),
  username: z.string().nullable(),
  kind: z.enum(['password', 'key']).nullable(),
  hasPassphrase: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type MyHostCredential = z.infer<typeof MyHostCredential>;
