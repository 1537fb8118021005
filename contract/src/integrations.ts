import { z } from 'zod';

/** Every integration kind ArchNest can poll. The server's registry must implement each one. */
export const IntegrationKind = z.enum(['proxmox', 'aws-ec2', 'uptime-kuma']);
export type IntegrationKind = z.infer<typeof IntegrationKind>;

/** http(s)://host[:port][/path], no user info: the URL object is not available here (no Node, no DOM). */
const ServiceUrl = z
  .string()
  .trim()
  .max(300)
  .regex(
    /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\/[^\s?#@]*)?$/,
    'Use a URL such as https://pve.example.lan:8006 (no user name or password in it).',
  );

/** `AB:CD:…` (32 bytes) as browsers and `openssl x509 -fingerprint -sha256` print it; case and colons optional. */
export const Sha256Fingerprint = z
  .string()
  .trim()
  .transform((v) => v.replace(/:/g, '').toUpperCase())
  .refine((v) => /^[0-9A-F]{64}$/.test(v), 'A SHA-256 fingerprint is 64 hex digits (colons optional).')
  .transform((v) => v.match(/../g)!.join(':'));

const CaPem = z
  .string()
  .max(32_768)
  .refine((v) => /-----BEGIN CERTIFICATE-----/.test(v), 'Paste the CA certificate in PEM format.');

export const ProxmoxConfig = z
  .object({
    url: ServiceUrl,
    /** `USER@REALM!TOKENID`, e.g. `monitor@pve!archnest`. */
    tokenId: z
      .string()
      .trim()
      .regex(
        /^[^@!\s]+@[^@!\s]+![A-Za-z0-9_-]+$/,
        'Use the form user@realm!tokenid, e.g. monitor@pve!archnest.',
      ),
    showTemplates: z.boolean().default(false),
    /**
     * `USER@REALM` of a Proxmox user whose ticket opens consoles where the API token cannot (clusters
     * older than pve-manager 9.0.13 / qemu-server 9.1.7 / pve-container 6.1.3). Its password is a secret.
     */
    consoleUser: z
      .string()
      .trim()
      .regex(/^[^@!\s:]{1,64}@[A-Za-z0-9._-]{1,64}$/, 'Use the form user@realm, e.g. root@pam.')
      .optional(),
  })
  .strict();
export const ProxmoxSecrets = z
  .object({
    tokenSecret: z.string().min(1).max(200),
    consolePassword: z.string().min(1).max(200).optional(),
  })
  .strict();

export const Ec2Config = z
  .object({
    regions: z
      .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'Use a region code such as eu-central-1.'))
      .min(1, 'Name at least one region.')
      .max(30),
    /** `keys`: the sealed access key below; `default-chain`: the AWS SDK's default credential chain. */
    auth: z.enum(['keys', 'default-chain']).default('keys'),
    accessKeyId: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{16,128}$/, 'An access key id is upper-case letters and digits.')
      .optional(),
    /** An EC2-compatible endpoint instead of AWS's own (VPC endpoint, a compatible cloud). */
    endpoint: ServiceUrl.optional(),
  })
  .strict();
export const Ec2Secrets = z.object({ secretAccessKey: z.string().min(1).max(200).optional() }).strict();

export const UptimeKumaConfig = z
  .object({
    url: ServiceUrl,
    /** The slug of a public status page (its JSON API needs no key). */
    statusPageSlug: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{1,64}$/, 'A status page slug is lower-case letters, digits and dashes.')
      .optional(),
  })
  .strict();
/** `apiKey` reads `/metrics`, which covers every monitor. Give a slug, a key, or both. */
export const UptimeKumaSecrets = z.object({ apiKey: z.string().min(1).max(200).optional() }).strict();

export const IntegrationTlsInput = z
  .object({
    /** Trust exactly this leaf certificate (checked on the live connection before any request byte). */
    pinnedSha256: Sha256Fingerprint.nullable().optional(),
    /** Trust this CA (e.g. a Proxmox cluster's own CA) in addition to the system's. */
    ca: CaPem.nullable().optional(),
  })
  .strict();

const Name = z.string().trim().min(1, 'Name is required.').max(64);
const PollSeconds = z.number().int().min(5).max(3600);
const TimeoutSeconds = z.number().int().min(1).max(60);

const common = {
  name: Name,
  tls: IntegrationTlsInput.optional(),
  pollIntervalSeconds: PollSeconds.default(30),
  timeoutSeconds: TimeoutSeconds.default(5),
};

export const CreateIntegrationBody = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('proxmox'), config: ProxmoxConfig, secrets: ProxmoxSecrets, ...common })
    .strict(),
  z
    .object({ kind: z.literal('aws-ec2'), config: Ec2Config, secrets: Ec2Secrets.default({}), ...common })
    .strict(),
  z
    .object({
      kind: z.literal('uptime-kuma'),
      config: UptimeKumaConfig,
      secrets: UptimeKumaSecrets.default({}),
      ...common,
    })
    .strict(),
]);
export type CreateIntegrationBody = z.infer<typeof CreateIntegrationBody>;

/**
 * The kind cannot change. `config` replaces the whole config (validated against the kind's schema on
 * the server). Each secret: absent keeps, a string replaces, null clears. TLS fields likewise.
 */
export const UpdateIntegrationBody = z
  .object({
    name: Name.optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.string().min(1).max(200).nullable()).optional(),
    tls: IntegrationTlsInput.optional(),
    pollIntervalSeconds: PollSeconds.optional(),
    timeoutSeconds: TimeoutSeconds.optional(),
  })
  .strict();
export type UpdateIntegrationBody = z.infer<typeof UpdateIntegrationBody>;

export const Integration = z.object({
  id: z.string(),
  kind: IntegrationKind,
  name: z.string(),
  /** The kind's config as stored (never a secret). */
  config: z.record(z.string(), z.unknown()),
  /** Which secret fields hold a value; the values never leave the server. */
  secretsSet: z.array(z.string()),
  tls: z.object({ pinnedSha256: z.string().nullable(), hasCa: z.boolean() }),
  pollIntervalSeconds: z.number().int(),
  timeoutSeconds: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Integration = z.infer<typeof Integration>;

export const IntegrationParams = z.object({ id: z.string().min(1).max(64) });

/** What a server presented, so an admin can compare it with the appliance and pin it. */
export const PresentedCertificate = z.object({
  sha256: z.string(),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  selfSigned: z.boolean(),
});
export type PresentedCertificate = z.infer<typeof PresentedCertificate>;

export const IntegrationTestResult = z.object({
  ok: z.boolean(),
  /** Plain words: what worked, or which step failed and why. */
  message: z.string(),
  /** `tls_untrusted`, `tls_pin_mismatch`, `timeout`, `unreachable`, `auth_failed`, `bad_response`, … */
  errorCode: z.string().nullable(),
  resourceCount: z.number().int().nullable(),
  durationMs: z.number(),
  certificate: PresentedCertificate.nullable(),
});
export type IntegrationTestResult = z.infer<typeof IntegrationTestResult>;

/** One form field of a kind, so the web form is generated from the same table the server validates. */
export interface IntegrationFieldMeta {
  name: string;
  label: string;
  input: 'text' | 'url' | 'password' | 'list' | 'checkbox' | 'select';
  /** `secrets.<name>` instead of `config.<name>`. */
  secret: boolean;
  required: boolean;
  placeholder?: string;
  help?: string;
  options?: readonly { value: string; label: string }[];
  /** Shown (and sent) only while another field of the form has this value. */
  shownWhen?: { field: string; equals: string };
}

export interface IntegrationKindMeta {
  displayName: string;
  /** A lucide icon name the web maps to a component. */
  icon: 'server' | 'cloud' | 'activity';
  defaultPort: number | null;
  /** Proxmox nodes get a tile each; every other kind collapses into one tile per instance. */
  tilePerNode: boolean;
  fields: readonly IntegrationFieldMeta[];
}

export const integrationKinds = {
  proxmox: {
    displayName: 'Proxmox VE',
    icon: 'server',
    defaultPort: 8006,
    tilePerNode: true,
    fields: [
      {
        name: 'url',
        label: 'URL',
        input: 'url',
        secret: false,
        required: true,
        placeholder: 'https://pve.lan:8006',
      },
      {
        name: 'tokenId',
        label: 'API token id',
        input: 'text',
        secret: false,
        required: true,
        placeholder: 'monitor@pve!archnest',
        help: 'Datacenter > Permissions > API Tokens; the PVEAuditor role is enough.',
      },
      { name: 'tokenSecret', label: 'API token secret', input: 'password', secret: true, required: true },
      { name: 'showTemplates', label: 'Show templates', input: 'checkbox', secret: false, required: false },
      {
        name: 'consoleUser',
        label: 'Console user (optional)',
        input: 'text',
        secret: false,
        required: false,
        placeholder: 'root@pam',
        help: 'Only for clusters where the API token cannot open consoles (before Proxmox VE 9.1): a user with VM.Console and Sys.Console.',
      },
      {
        name: 'consolePassword',
        label: 'Console user password',
        input: 'password',
        secret: true,
        required: false,
      },
    ],
  },
  'aws-ec2': {
    displayName: 'AWS EC2',
    icon: 'cloud',
    defaultPort: 443,
    tilePerNode: false,
    fields: [
      {
        name: 'regions',
        label: 'Regions',
        input: 'list',
        secret: false,
        required: true,
        placeholder: 'eu-central-1, us-east-1',
      },
      {
        name: 'auth',
        label: 'Credentials',
        input: 'select',
        secret: false,
        required: true,
        options: [
          { value: 'keys', label: 'Access key' },
          { value: 'default-chain', label: 'Default credential chain of the ArchNest server' },
        ],
      },
      {
        name: 'accessKeyId',
        label: 'Access key id',
        input: 'text',
        secret: false,
        required: false,
        shownWhen: { field: 'auth', equals: 'keys' },
      },
      {
        name: 'secretAccessKey',
        label: 'Secret access key',
        input: 'password',
        secret: true,
        required: false,
        shownWhen: { field: 'auth', equals: 'keys' },
      },
      {
        name: 'endpoint',
        label: 'Endpoint (optional)',
        input: 'url',
        secret: false,
        required: false,
        help: 'Only for an EC2-compatible endpoint; leave empty for AWS.',
      },
    ],
  },
  'uptime-kuma': {
    displayName: 'Uptime Kuma',
    icon: 'activity',
    defaultPort: 3001,
    tilePerNode: false,
    fields: [
      {
        name: 'url',
        label: 'URL',
        input: 'url',
        secret: false,
        required: true,
        placeholder: 'https://kuma.lan',
      },
      {
        name: 'statusPageSlug',
        label: 'Status page slug',
        input: 'text',
        secret: false,
        required: false,
        help: 'Reads the public status page JSON.',
      },
      {
        name: 'apiKey',
        label: 'API key (for /metrics)',
        input: 'password',
        secret: true,
        required: false,
        help: 'Covers every monitor. Give a slug, a key, or both.',
      },
    ],
  },
} as const satisfies Record<IntegrationKind, IntegrationKindMeta>;
