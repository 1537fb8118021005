import { SlackConfig, SlackSecrets } from '@archnest/contract';
import { defineChannel, origin } from './channel';
import { postJson } from './http-post';

/** Slack's `&`, `<` and `>` are control characters in mrkdwn and text. */
export const slackEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Slack incoming webhook: `text` (the fallback) and Block Kit `blocks`. */
export const slackChannel = defineChannel({
  kind: 'slack',
  config: SlackConfig,
  secrets: SlackSecrets,
  target: (_config, secrets) => origin(secrets.url),
  send: (message, _config, secrets, ctx) => {
    const body = JSON.stringify({
      text: slackEscape(`${message.title}\n${message.text}`),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150) } },
        { type: 'section', text: { type: 'mrkdwn', text: slackEscape(message.text).slice(0, 3000) } },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: slackEscape(`${message.severity} · ${message.at}`) }],
        },
      ],
    });
    return postJson(secrets.url, body, {}, ctx);
  },
});
