import { createHmac } from 'node:crypto';
import { WebhookConfig, WebhookSecrets } from '@archnest/contract';
import type { AlertMessage } from '../alert-message';
import { defineChannel, origin } from './channel';
import { postJson } from './http-post';

/** `sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">`: what a receiver recomputes to trust a delivery. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookBody(message: AlertMessage): string {
  return JSON.stringify({
    version: 1,
    kind: message.kind,
    title: message.title,
    message: message.text,
    severity: message.severity,
    at: message.at,
    eventId: message.eventId,
    rule: message.rule,
    subject: message.subject,
  });
}

export const webhookChannel = defineChannel({
  kind: 'webhook',
  config: WebhookConfig,
  secrets: WebhookSecrets,
  target: (_config, secrets) => origin(secrets.url),
  send: (message, _config, secrets, ctx) => {
    const body = webhookBody(message);
    const timestamp = String(Math.floor(ctx.now().getTime() / 1000));
    return postJson(
      secrets.url,
      body,
      {
        'x-archnest-timestamp': timestamp,
        'x-archnest-signature': webhookSignature(secrets.signingSecret, timestamp, body),
        'x-archnest-event': message.kind,
        'x-archnest-delivery': ctx.deliveryId,
      },
      ctx,
    );
  },
});
