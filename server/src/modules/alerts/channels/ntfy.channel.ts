import { NtfyConfig, NtfySecrets } from '@archnest/contract';
import type { AlertMessage } from '../alert-message';
import { defineChannel, origin } from './channel';
import { postJson } from './http-post';

const PRIORITY: Record<AlertMessage['severity'], number> = { critical: 5, warning: 4, info: 3 };

export function ntfyTags(message: AlertMessage): string[] {
  if (message.kind === 'resolved') return ['white_check_mark'];
  if (message.kind === 'test') return ['information_source'];
  return [message.severity === 'critical' ? 'rotating_light' : 'warning'];
}

/** ntfy's JSON publishing: POST to the server root with the topic in the body. */
export const ntfyChannel = defineChannel({
  kind: 'ntfy',
  config: NtfyConfig,
  secrets: NtfySecrets,
  target: (config) => `${origin(config.server)} · ${config.topic}`,
  send: (message, config, secrets, ctx) => {
    const headers: Record<string, string> = {};
    if (secrets.token) headers.authorization = `Bearer ${secrets.token}`;
    else if (config.username && secrets.password) {
      headers.authorization = `Basic ${Buffer.from(`${config.username}:${secrets.password}`).toString('base64')}`;
    }
    const body = JSON.stringify({
      topic: config.topic,
      title: message.title,
      message: message.text,
      priority: message.kind === 'resolved' ? 3 : PRIORITY[message.severity],
      tags: ntfyTags(message),
    });
    return postJson(config.server.replace(/\/+$/, '/'), body, headers, ctx);
  },
});
