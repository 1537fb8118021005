import { z } from 'zod';

/** `per-user`: the host stores no secret; each user signs in as themselves (see host-access.ts). */
export const AuthMethod = z.enum(['password', 'key', 'keyboard-interactive', 'certificate', 'per-user']);
export type AuthMethod = z.infer<typeof AuthMethod>;

/** Which stored secrets an auth method uses; keyboard-interactive answers prompts live instead. */
export const CredentialKind = z.enum(['password', 'key', 'certificate']);
export type CredentialKind = z.infer<typeof CredentialKind>;

const Name = z.string().trim().min(1, 'Name is required.').max(64);
const SecretText = z.string().min(1).max(16_384);
const PemKey = z
  .string()
  .max(16_384)
  .refine(
    (v) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v),
    'Paste a private key in PEM or OpenSSH format.',
  );
const Certificate = z
  .string()
  .trim()
  .max(16_384)
  .refine(
    (v) => /^[a-z0-9-]+-cert-v01@openssh\.com AAAA/.test(v),
    'Paste an OpenSSH certificate (…-cert.pub).',
  );

/** Hostname, IPv4 or IPv6 literal: letters, digits, dot, dash, colon; no spaces, no option-looking values. */
export const HostAddress = z
  .string()
  .trim()
  .min(1, 'Address is required.')
  .max(253)
  .regex(/^[A-Za-z0-9._:-]+$/, 'Use a hostname or an IP address.')
  .refine((v) => !v.startsWith('-'), 'An address cannot start with a dash.');
export const SshUsername = z
  .string()
  .trim()
  .min(1, 'Username is required.')
  .max(64)
  .regex(/^[A-Za-z0-9._][A-Za-z0-9._@-]*$/, 'Use letters, digits, dot, underscore, at or dash.');
export const Port = z.number().int().min(1).max(65535);

/** Who may use a host: every user, or admins plus chosen users (see host-access.ts). */
export const HostAccessMode = z.enum(['everyone', 'chosen']);
export type HostAccessMode = z.infer<typeof HostAccessMode>;
export const AllowedUserIds = z.array(z.string().min(1).max(64)).max(100);

/** What the browser may know about stored secrets: whether each is set, never its value. */
export const SecretFlags = z.object({
  hasPassword: z.boolean(),
  hasPrivateKey: z.boolean(),
  hasPassphrase: z.boolean(),
  hasCertificate: z.boolean(),
});

export const Credential = SecretFlags.extend({
  id: z.string(),
  name: z.string(),
  kind: CredentialKind,
  usedBy: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Credential = z.infer<typeof Credential>;

/** Secret fields in an update: absent keeps the stored value, a string replaces it, null clears it. */
const SecretUpdates = z.object({
  password: SecretText.nullable().optional(),
  privateKey: PemKey.nullable().optional(),
  passphrase: SecretText.nullable().optional(),
  certificate: Certificate.nullable().optional(),
});

export const CreateCredentialBody = z
  .object({
    name: Name,
    kind: CredentialKind,
    password: SecretText.optional(),
    privateKey: PemKey.optional(),
    passphrase: SecretText.optional(),
    certificate: Certificate.optional(),
  })
  .strict();
export type CreateCredentialBody = z.infer<typeof CreateCredentialBody>;

export const UpdateCredentialBody = SecretUpdates.extend({ name: Name.optional() }).strict();
export type UpdateCredentialBody = z.infer<typeof UpdateCredentialBody>;

export const StoredHostKey = z.object({
  algorithm: z.string(),
  fingerprint: z.string(),
  acceptedAt: z.string(),
  acceptedBy: z.string(),
});

export const Host = SecretFlags.extend({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  port: z.number().int(),
  username: z.string(),
  folder: z.string(),
  tags: z.array(z.string()),
  notes: z.string(),
  authMethod: AuthMethod,
  credentialId: z.string().nullable(),
  jumpHostIds: z.array(z.string()),
  legacyAlgorithms: z.boolean(),
  access: HostAccessMode,
  /** Users granted a `chosen` host; only admins see it (empty for members). */
  allowedUserIds: z.array(z.string()),
  hostKey: StoredHostKey.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Host = z.infer<typeof Host>;

const Tags = z.array(z.string().trim().min(1).max(32)).max(20);

export const CreateHostBody = z
  .object({
    name: Name,
    address: HostAddress,
    port: Port.default(22),
    username: SshUsername,
    folder: z.string().trim().max(64).default(''),
    tags: Tags.default([]),
    notes: z.string().max(4000).default(''),
    authMethod: AuthMethod,
    credentialId: z.string().max(64).nullable().default(null),
    password: SecretText.optional(),
    privateKey: PemKey.optional(),
    passphrase: SecretText.optional(),
    certificate: Certificate.optional(),
    jumpHostIds: z.array(z.string().max(64)).max(8).default([]),
    legacyAlgorithms: z.boolean().default(false),
    access: HostAccessMode.default('everyone'),
    allowedUserIds: AllowedUserIds.default([]),
  })
  .strict();
export type CreateHostBody = z.infer<typeof CreateHostBody>;

export const UpdateHostBody = SecretUpdates.extend({
  name: Name.optional(),
  address: HostAddress.optional(),
  port: Port.optional(),
  username: SshUsername.optional(),
  folder: z.string().trim().max(64).optional(),
  tags: Tags.optional(),
  notes: z.string().max(4000).optional(),
  authMethod: AuthMethod.optional(),
  credentialId: z.string().max(64).nullable().optional(),
  jumpHostIds: z.array(z.string().max(64)).max(8).optional(),
  legacyAlgorithms: z.boolean().optional(),
  access: HostAccessMode.optional(),
  allowedUserIds: AllowedUserIds.optional(),
}).strict();
export type UpdateHostBody = z.infer<typeof UpdateHostBody>;

export const IdParams = z.object({ id: z.string().min(1).max(64) });

/** A host key the server saw and nobody has trusted yet; `challengeId` lets a user accept exactly that key. */
export const HostKeyChallenge = z.object({
  challengeId: z.string(),
  hop: z.number().int(),
  hostName: z.string(),
  address: z.string(),
  port: z.number().int(),
  algorithm: z.string(),
  fingerprint: z.string(),
  reason: z.enum(['unknown', 'changed']),
  expectedFingerprint: z.string().nullable(),
});
export type HostKeyChallenge = z.infer<typeof HostKeyChallenge>;

export const TrustHostKeyBody = z.object({ challengeId: z.string().min(1).max(64) }).strict();

export const ConnectionStep = z.enum(['dns', 'tcp', 'host_key', 'auth', 'timeout', 'protocol', 'exec']);
export const TestConnectionResult = z.object({
  ok: z.boolean(),
  /** One entry per hop in order (jump hosts, then the target), each with the step it reached. */
  hops: z.array(
    z.object({
      hostName: z.string(),
      address: z.string(),
      port: z.number().int(),
      ok: z.boolean(),
      fingerprint: z.string().nullable(),
    }),
  ),
  failedStep: ConnectionStep.nullable(),
  message: z.string(),
  hostKeyChallenge: HostKeyChallenge.nullable(),
  durationMs: z.number(),
});
export type TestConnectionResult = z.infer<typeof TestConnectionResult>;

export const KnownHostKey = z.object({
  id: z.string(),
  address: z.string(),
  port: z.number().int(),
  algorithm: z.string(),
  fingerprint: z.string(),
  acceptedAt: z.string(),
  acceptedBy: z.string(),
});
export type KnownHostKey = z.infer<typeof KnownHostKey>;
