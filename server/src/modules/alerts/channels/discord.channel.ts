import { DiscordConfig, DiscordSecrets } from '@archnest/contract';
import type { AlertMessage } from '../alert-message';
import { defineChannel, origin } from './channel';
import { postJson } from './http-post';

const COLOR: Record<AlertMessage['severity'], number> = {
  critical: 0xd32f2f,
  warning: 0xf9a825,
  info: 0x1976d2,
};
const GREEN = 0x2e7d32;

/** A Discord webhook execution: `content` plus one embed (title, description, colour, timestamp). */
export const discordChannel = defineChannel({
  kind: 'discord',
  config: DiscordConfig,
  secrets: DiscordSecrets,
  target: (_config, secrets) => origin(secrets.url),
  send: (message, _config, secrets, ctx) => {
    const fields = message.subject
      ? [
          { name: 'Subject', value: message.subject.name.slice(0, 1024), inline: true },
          { name: 'Host', value: (message.subject.host || '—').slice(0, 1024), inline: true },
        ]
      : [];
    const body = JSON.stringify({
      content: message.title.slice(0, 2000),
      embeds: [
        {
          title: message.title.slice(0, 256),
          description: message.text.slice(0, 4096),
          color: message.kind === 'resolved' ? GREEN : COLOR[message.severity],
          timestamp: message.at,
          fields,
        },
      ],
      allowed_mentions: { parse: [] },
    });
    return postJson(secrets.url, body, {}, ctx);
  },
});
