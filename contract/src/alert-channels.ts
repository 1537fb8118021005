import { z } from 'zod';

/** Where an alert can be delivered. Each kind has a config (stored as is) and secrets (sealed, never sent back). */
export const ChannelKind = z.enum(['webhook', 'ntfy', 'gotify', 'discord', 'slack', 'telegram', 'email']);
export type ChannelKind = z.infer<typeof ChannelKind>;

const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'Must be an http:// or https:// URL.');
const secret = z.string().min(1).max(500);
const email = z.string().email().max(254);

export const WebhookConfig = z.object({}).strict();
export const WebhookSecrets = z
  .object({
    /** The receiver; sealed because such URLs often carry a token. */
    url: httpUrl,
    /** Key of the HMAC-SHA256 signature in `X-ArchNest-Signature`. */
    signingSecret: z.string().min(16, 'At least 16 characters.').max(200),
  })
  .strict();

export const NtfyConfig = z
  .object({
    /** The ntfy server's root; messages are published as JSON to it. */
    server: httpUrl.default('https://ntfy.sh'),
    topic: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[-_A-Za-z0-9]+$/, 'Letters, digits, - and _ only.'),
    username: z.string().max(200).optional(),
  })
  .strict();
export const NtfySecrets = z.object({ token: secret.optional(), password: secret.optional() }).strict();

export const GotifyConfig = z.object({ server: httpUrl }).strict();
export const GotifySecrets = z.object({ token: secret }).strict();

export const DiscordConfig = z.object({}).strict();
export const DiscordSecrets = z.object({ url: httpUrl }).strict();

export const SlackConfig = z.object({}).strict();
export const SlackSecrets = z.object({ url: httpUrl }).strict();

export const TelegramConfig = z
  .object({
    /** Bot API base; another base only for a self-hosted Bot API server. */
    apiBase: httpUrl.default('https://api.telegram.org'),
    chatId: z
      .string()
      .min(1)
      .max(100)
      .regex(/^(-?\d+|@[A-Za-z0-9_]{4,})$/, 'A numeric chat id or @channelname.'),
  })
  .strict();
export const TelegramSecrets = z.object({ botToken: secret }).strict();

export const EmailConfig = z
  .object({
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'A host name or IP address.'),
    port: z.number().int().min(1).max(65535),
    /** `tls`: TLS from the first byte (465); `starttls`: upgrade required (587); `none`: plain, for a local relay. */
    security: z.enum(['tls', 'starttls', 'none']),
    username: z.string().max(200).optional(),
    from: email,
    to: z.array(email).min(1).max(20),
    /** PEM of a private CA to trust in addition to the system's; verification stays on. */
    ca: z.string().max(20_000).optional(),
  })
  .strict();
export const EmailSecrets = z.object({ password: secret.optional() }).strict();

const common = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  /** Bound on one attempt; a slow channel never delays the others. */
  timeoutSeconds: z.number().int().min(1).max(30).default(10),
};

export const ChannelInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('webhook'),
    config: WebhookConfig.default({}),
    secrets: WebhookSecrets,
    ...common,
  }),
  z.object({ kind: z.literal('ntfy'), config: NtfyConfig, secrets: NtfySecrets.default({}), ...common }),
  z.object({ kind: z.literal('gotify'), config: GotifyConfig, secrets: GotifySecrets, ...common }),
  z.object({
    kind: z.literal('discord'),
    config: DiscordConfig.default({}),
    secrets: DiscordSecrets,
    ...common,
  }),
  z.object({ kind: z.literal('slack'), config: SlackConfig.default({}), secrets: SlackSecrets, ...common }),
  z.object({ kind: z.literal('telegram'), config: TelegramConfig, secrets: TelegramSecrets, ...common }),
  z.object({ kind: z.literal('email'), config: EmailConfig, secrets: EmailSecrets.default({}), ...common }),
]);
export type ChannelInput = z.infer<typeof ChannelInput>;

/** A channel is entered either field by field or as one Shoutrrr-style URL (`ntfy://…`, `smtp://…`). */
export const CreateChannelBody = z.union([
  ChannelInput,
  z
    .object({
      name: common.name,
      url: z.string().min(3).max(2000),
      enabled: common.enabled,
      timeoutSeconds: common.timeoutSeconds,
      /** Webhook (`generic+…`) only: the signing secret, which a URL cannot carry. */
      signingSecret: z.string().min(16).max(200).optional(),
    })
    .strict(),
]);
export type CreateChannelBody = z.input<typeof CreateChannelBody>;

/** Config is replaced whole when given; each secret: absent keeps, a value replaces, null clears. */
export const UpdateChannelBody = z
  .object({
    name: common.name.optional(),
    enabled: z.boolean().optional(),
    timeoutSeconds: z.number().int().min(1).max(30).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.string().min(1).max(2000).nullable()).optional(),
  })
  .strict();
export type UpdateChannelBody = z.input<typeof UpdateChannelBody>;

export const Channel = z.object({
  id: z.string(),
  name: z.string(),
  kind: ChannelKind,
  enabled: z.boolean(),
  timeoutSeconds: z.number().int(),
  config: z.record(z.string(), z.unknown()),
  /** Which secret fields hold a value; the values never leave the server. */
  secretsSet: z.array(z.string()),
  /** Scheme, host and port of where deliveries go (no path, no secret). */
  target: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Channel = z.infer<typeof Channel>;

/** What members may see of a channel: enough to pick it for a subscription. */
export const ChannelSummary = Channel.pick({ id: true, name: true, kind: true, enabled: true });
export type ChannelSummary = z.infer<typeof ChannelSummary>;

export const ChannelParams = z.object({ id: z.string().min(1).max(64) });

export const DeliveryStatus = z.enum(['queued', 'retrying', 'sent', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Delivery = z.object({
  id: z.string(),
  channelId: z.string(),
  /** Null for a test message. */
  eventId: z.number().int().nullable(),
  title: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  /** HTTP status of the last attempt, or null (SMTP, or no answer). */
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;

export const ChannelTestResult = z.object({ delivery: Delivery });
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;
