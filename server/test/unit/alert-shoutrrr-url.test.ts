import { describe, expect, it } from 'vitest';
import { ChannelInput } from '@archnest/contract';
import { parseChannelUrl } from '../../src/modules/alerts/channels/shoutrrr-url';

/** Each parsed URL must also pass the same schema a form's fields go through. */
function parsed(url: string) {
  const result = parseChannelUrl(url);
  const checked = ChannelInput.safeParse({
    ...result,
    name: 'x',
    secrets: { ...result.secrets, ...(result.kind === 'webhook' ? { signingSecret: 's'.repeat(16) } : {}) },
  });
  expect(checked.success, JSON.stringify(checked.error?.issues)).toBe(true);
  return result;
}

describe('Shoutrrr-style channel URLs', () => {
  it('ntfy: host and topic, https by default, token or basic auth', () => {
    expect(parsed('ntfy://ntfy.sh/alerts')).toEqual({
      kind: 'ntfy',
      config: { server: 'https://ntfy.sh/', topic: 'alerts' },
      secrets: {},
    });
    expect(parsed('ntfy://:tk_abc@ntfy.example.com:8443/ops?scheme=http')).toEqual({
      kind: 'ntfy',
      config: { server: 'http://ntfy.example.com:8443/', topic: 'ops' },
      secrets: { token: 'tk_abc' },
    });
    expect(parsed('ntfy://bob:p%40ss@ntfy.example.com/ops')).toMatchObject({
      config: { username: 'bob' },
      secrets: { password: 'p@ss' },
    });
    expect(() => parseChannelUrl('ntfy://ntfy.sh/')).toThrow(/topic/);
  });

  it('gotify: the token is the last path segment, sub-paths kept, disabletls for http', () => {
    expect(parsed('gotify://gotify.example.com/AbCdEf')).toEqual({
      kind: 'gotify',
      config: { server: 'https://gotify.example.com' },
      secrets: { token: 'AbCdEf' },
    });
    expect(parsed('gotify://10.0.0.5:8080/sub/path/Tok?disabletls=yes')).toEqual({
      kind: 'gotify',
      config: { server: 'http://10.0.0.5:8080/sub/path' },
      secrets: { token: 'Tok' },
    });
  });

  it('discord: token@id becomes the webhook URL', () => {
    expect(parsed('discord://s3cr3t-token@123456789')).toEqual({
      kind: 'discord',
      config: {},
      secrets: { url: 'https://discord.com/api/webhooks/123456789/s3cr3t-token' },
    });
    expect(() => parseChannelUrl('discord://token@notanid')).toThrow(/discord/);
  });

  it('slack: the hook form and the legacy token form', () => {
    const url = 'https://hooks.slack.com/services/T0001/B0002/XXXX3';
    expect(parsed('slack://hook:T0001-B0002-XXXX3@webhook').secrets).toEqual({ url });
    expect(parsed('slack://T0001/B0002/XXXX3').secrets).toEqual({ url });
    expect(() => parseChannelUrl('slack://hook:onlyone@webhook')).toThrow(/slack/);
  });

  it('telegram: token@telegram with exactly one chat', () => {
    expect(parsed('telegram://123456:ABC-def@telegram?chats=@mychannel')).toEqual({
      kind: 'telegram',
      config: { chatId: '@mychannel' },
      secrets: { botToken: '123456:ABC-def' },
    });
    expect(() => parseChannelUrl('telegram://1:A@telegram?chats=1,2')).toThrow(/exactly one/);
  });

  it('smtp: auth, port, from, to and the encryption choice', () => {
    expect(
      parsed('smtp://user:p%2Fss@mail.example.com:587/?from=a@example.com&to=b@example.com,c@example.com'),
    ).toEqual({
      kind: 'email',
      config: {
        host: 'mail.example.com',
        port: 587,
        security: 'starttls',
        from: 'a@example.com',
        to: ['b@example.com', 'c@example.com'],
        username: 'user',
      },
      secrets: { password: 'p/ss' },
    });
    expect(parsed('smtp://mail.example.com:465/?from=a@example.com&to=b@example.com').config).toMatchObject({
      security: 'tls',
    });
    expect(
      parsed('smtp://relay:25/?from=a@example.com&to=b@example.com&encryption=None').config,
    ).toMatchObject({ security: 'none' });
    expect(() => parseChannelUrl('smtp://mail.example.com/?from=a@example.com')).toThrow(/to=/);
  });

  it('generic: generic+https keeps the URL, generic:// is https unless disabletls', () => {
    expect(parsed('generic+https://hooks.example.com/in?x=1').secrets).toEqual({
      url: 'https://hooks.example.com/in?x=1',
    });
    expect(parsed('generic://hooks.example.com/in').secrets).toEqual({ url: 'https://hooks.example.com/in' });
    expect(parsed('generic://127.0.0.1:9000/in?disabletls=yes').secrets).toEqual({
      url: 'http://127.0.0.1:9000/in',
    });
  });

  it('refuses unknown schemes', () => {
    expect(() => parseChannelUrl('pushover://x')).toThrow(/Unknown scheme/);
  });
});
