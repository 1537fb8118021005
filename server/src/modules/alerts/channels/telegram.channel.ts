import { TelegramConfig, TelegramSecrets } from '@archnest/contract';
import { defineChannel, origin } from './channel';
import { postJson } from './http-post';

export const htmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The Bot API's `sendMessage` (the token is part of Telegram's own path), with HTML formatting. */
export const telegramChannel = defineChannel({
  kind: 'telegram',
  config: TelegramConfig,
  secrets: TelegramSecrets,
  target: (config) => `${origin(config.apiBase)} · chat ${config.chatId}`,
  send: (message, config, secrets, ctx) => {
    const body = JSON.stringify({
      chat_id: config.chatId,
      text: `<b>${htmlEscape(message.title)}</b>\n${htmlEscape(message.text)}`.slice(0, 4096),
      parse_mode: 'HTML',
      disable_web_page_preview: true,
    });
    const url = `${config.apiBase.replace(/\/+$/, '')}/bot${secrets.botToken}/sendMessage`;
    return postJson(url, body, {}, ctx);
  },
});
