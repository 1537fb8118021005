import { z } from 'zod';
import { AuthMethod, HostAddress, Port, SshUsername } from './hosts';

export const ImportPreviewBody = z
  .object({ text: z.string().max(256 * 1024, 'The config is larger than 256 KiB.') })
  .strict();

/** One `Host` block of an OpenSSH config, resolved the way `ssh` would read it. */
export const ImportedHost = z.object({
  alias: z.string(),
  address: z.string(),
  port: z.number().int(),
  username: z.string(),
  identityFile: z.string().nullable(),
  jumpAliases: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ImportedHost = z.infer<typeof ImportedHost>;

export const ImportPreview = z.object({ hosts: z.array(ImportedHost), warnings: z.array(z.string()) });
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportHostEntry = z
  .object({
    alias: z.string().trim().min(1).max(64),
    address: HostAddress,
    port: Port,
    username: SshUsername,
    authMethod: AuthMethod,
    credentialId: z.string().max(64).nullable().default(null),
    password: z.string().min(1).max(16_384).optional(),
    privateKey: z.string().min(1).max(16_384).optional(),
    passphrase: z.string().min(1).max(16_384).optional(),
    /** Aliases of other entries in this import, or names of existing hosts, in hop order. */
    jumpAliases: z.array(z.string().max(64)).max(8).default([]),
  })
  .strict();
export type ImportHostEntry = z.infer<typeof ImportHostEntry>;

export const ImportHostsBody = z.object({ hosts: z.array(ImportHostEntry).min(1).max(500) }).strict();
export type ImportHostsBody = z.infer<typeof ImportHostsBody>;
