import { GotifyConfig, GotifySecrets } from '@archnest/contract';
import type { AlertMessage } from '../alert-message';
import { defineChannel, origin } from './channel';
import { postJson } from './http-post';

const PRIORITY: Record<AlertMessage['severity'], number> = { critical: 8, warning: 5, info: 2 };

/** Gotify's `POST /message`; the application token travels in `X-Gotify-Key`, never in the URL. */
export const gotifyChannel = defineChannel({
  kind: 'gotify',
  config: GotifyConfig,
  secrets: GotifySecrets,
  target: (config) => origin(config.server),
  send: (message, config, secrets, ctx) => {
    const body = JSON.stringify({
      title: message.title,
      message: message.text,
      priority: message.kind === 'resolved' ? 2 : PRIORITY[message.severity],
      extras: { 'client::display': { contentType: 'text/plain' } },
    });
    return postJson(
      `${config.server.replace(/\/+$/, '')}/message`,
      body,
      { 'x-gotify-key': secrets.token },
      ctx,
    );
  },
});
