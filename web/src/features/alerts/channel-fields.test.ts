import {
  ChannelInput,
  ChannelKind,
  DiscordConfig,
  DiscordSecrets,
  EmailConfig,
  EmailSecrets,
  GotifyConfig,
  GotifySecrets,
  NtfyConfig,
  NtfySecrets,
  SlackConfig,
  SlackSecrets,
  TelegramConfig,
  TelegramSecrets,
  WebhookConfig,
  WebhookSecrets,
} from '@archnest/contract';
import { describe, expect, it } from 'vitest';
import { channelBodyParts, channelFields } from './channel-fields';

const schemas = {
  webhook: [WebhookConfig, WebhookSecrets],
  ntfy: [NtfyConfig, NtfySecrets],
  gotify: [GotifyConfig, GotifySecrets],
  discord: [DiscordConfig, DiscordSecrets],
  slack: [SlackConfig, SlackSecrets],
  telegram: [TelegramConfig, TelegramSecrets],
  email: [EmailConfig, EmailSecrets],
} as const;

describe('channel form fields', () => {
  it('covers every field of every kind the contract accepts, secrets on the secret side', () => {
    for (const kind of ChannelKind.options) {
      const [configSchema, secretsSchema] = schemas[kind];
      const config = Object.keys(configSchema.shape);
      const secrets = Object.keys(secretsSchema.shape);
      const fields = channelFields[kind];
      expect(
        fields
          .filter((f) => !f.secret)
          .map((f) => f.name)
          .sort(),
        kind,
      ).toEqual(config.sort());
      expect(
        fields
          .filter((f) => f.secret)
          .map((f) => f.name)
          .sort(),
        kind,
      ).toEqual(secrets.sort());
    }
  });

  it('builds a body the contract accepts: numbers, lists, and empty optional fields left out', () => {
    const parts = channelBodyParts('email', {
      host: 'mail.example.com',
      port: '587',
      security: 'starttls',
      username: '',
      password: '',
      from: 'a@example.com',
      to: 'b@example.com, c@example.com',
      ca: '',
    });
    expect(parts).toEqual({
      config: {
        host: 'mail.example.com',
        port: 587,
        security: 'starttls',
        from: 'a@example.com',
        to: ['b@example.com', 'c@example.com'],
      },
      secrets: {},
    });
    expect(ChannelInput.safeParse({ kind: 'email', name: 'm', ...parts }).success).toBe(true);
    const hook = channelBodyParts('webhook', {
      url: 'https://x.example/h',
      signingSecret: '0123456789abcdef',
    });
    expect(hook).toEqual({
      config: {},
      secrets: { url: 'https://x.example/h', signingSecret: '0123456789abcdef' },
    });
  });
});
