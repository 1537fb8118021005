import type { ChannelKind } from '@archnest/contract';

/** One form field of a channel kind: in `config` or (sealed) in `secrets`. */
export interface ChannelField {
  name: string;
  label: string;
  secret: boolean;
  required: boolean;
  placeholder?: string;
  /** `list`: comma-separated into an array; `number`: parsed as an integer. */
  type?: 'text' | 'number' | 'list' | 'select' | 'textarea';
  options?: string[];
}

const f = (name: string, label: string, rest: Partial<ChannelField> = {}): ChannelField => ({
  name,
  label,
  secret: false,
  required: true,
  ...rest,
});

export const channelKindLabels: Record<ChannelKind, string> = {
  webhook: 'Webhook (signed JSON)',
  ntfy: 'ntfy',
  gotify: 'Gotify',
  discord: 'Discord',
  slack: 'Slack',
  telegram: 'Telegram',
  email: 'E-mail (SMTP)',
};

export const channelFields: Record<ChannelKind, ChannelField[]> = {
  webhook: [
    f('url', 'URL', { secret: true, placeholder: 'https://example.com/hooks/archnest' }),
    f('signingSecret', 'Signing secret', { secret: true, placeholder: 'at least 16 characters' }),
  ],
  ntfy: [
    f('server', 'Server', { placeholder: 'https://ntfy.sh' }),
    f('topic', 'Topic'),
    f('token', 'Access token', { secret: true, required: false }),
    f('username', 'Username', { required: false }),
    f('password', 'Password', { secret: true, required: false }),
  ],
  gotify: [
    f('server', 'Server', { placeholder: 'https://gotify.example.com' }),
    f('token', 'App token', { secret: true }),
  ],
  discord: [f('url', 'Webhook URL', { secret: true, placeholder: 'https://discord.com/api/webhooks/…' })],
  slack: [
    f('url', 'Incoming webhook URL', { secret: true, placeholder: 'https://hooks.slack.com/services/…' }),
  ],
  telegram: [
    f('apiBase', 'Bot API base', { placeholder: 'https://api.telegram.org' }),
    f('chatId', 'Chat id', { placeholder: '-1001234567890 or @channel' }),
    f('botToken', 'Bot token', { secret: true }),
  ],
  email: [
    f('host', 'SMTP host'),
    f('port', 'Port', { type: 'number', placeholder: '587' }),
    f('security', 'Security', { type: 'select', options: ['starttls', 'tls', 'none'] }),
    f('username', 'Username', { required: false }),
    f('password', 'Password', { secret: true, required: false }),
    f('from', 'From'),
    f('to', 'To (comma-separated)', { type: 'list' }),
    f('ca', 'Private CA (PEM)', { required: false, type: 'textarea' }),
  ],
};

/** Splits filled-in values into the body's `config` and `secrets`; empty optional fields are left out. */
export function channelBodyParts(kind: ChannelKind, values: Record<string, string>) {
  const config: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const field of channelFields[kind]) {
    const raw = (values[field.name] ?? '').trim();
    if (!raw) continue;
    let value: unknown = raw;
    if (field.type === 'number') value = Number(raw);
    if (field.type === 'list')
      value = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    (field.secret ? secrets : config)[field.name] = value;
  }
  return { config, secrets };
}
