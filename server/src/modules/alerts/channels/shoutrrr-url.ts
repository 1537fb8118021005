import type { ChannelKind } from '@archnest/contract';

export class ChannelUrlError extends Error {}

export interface ParsedChannelUrl {
  kind: ChannelKind;
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

const yes = (v: string | null) => v !== null && /^(yes|true|1)$/i.test(v);
const dec = (v: string) => decodeURIComponent(v);

function hostPort(url: URL): string {
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

function ntfy(url: URL): ParsedChannelUrl {
  const scheme = url.searchParams.get('scheme') ?? 'https';
  if (scheme !== 'http' && scheme !== 'https')
    throw new ChannelUrlError('ntfy: scheme must be http or https.');
  const topic = url.pathname.replace(/^\/+|\/+$/g, '');
  if (!topic || topic.includes('/'))
    throw new ChannelUrlError('ntfy: give one topic as the path, e.g. ntfy://ntfy.sh/alerts.');
  const user = dec(url.username);
  const pass = dec(url.password);
  const config: Record<string, unknown> = { server: `${scheme}://${hostPort(url)}/`, topic };
  const secrets: Record<string, unknown> = {};
  if (user && pass) {
    config.username = user;
    secrets.password = pass;
  } else if (pass || user) {
    // `ntfy://:tk_…@host/topic` or `ntfy://tk_…@host/topic`: an access token.
    secrets.token = pass || user;
  }
  return { kind: 'ntfy', config, secrets };
}

function gotify(url: URL): ParsedChannelUrl {
  const scheme = yes(url.searchParams.get('disabletls')) ? 'http' : 'https';
  const parts = url.pathname.split('/').filter(Boolean);
  const token = parts.pop();
  if (!token) throw new ChannelUrlError('gotify: the application token is the last path segment.');
  const path = parts.length ? `/${parts.join('/')}` : '';
  return {
    kind: 'gotify',
    config: { server: `${scheme}://${hostPort(url)}${path}` },
    secrets: { token: dec(token) },
  };
}

function discord(url: URL): ParsedChannelUrl {
  const token = dec(url.username);
  const id = url.hostname;
  if (!token || !/^\d+$/.test(id)) throw new ChannelUrlError('discord: use discord://token@webhookid.');
  return {
    kind: 'discord',
    config: {},
    secrets: { url: `https://discord.com/api/webhooks/${id}/${encodeURIComponent(token)}` },
  };
}

function slack(url: URL): ParsedChannelUrl {
  // slack://hook:T…-B…-X…@webhook (current form) or slack://T…/B…/X… (legacy).
  let parts: string[];
  if (url.username === 'hook' && url.password) parts = dec(url.password).split(/[-/]/);
  else parts = [dec(url.host), ...url.pathname.split('/').filter(Boolean)];
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9]+$/.test(p))) {
    throw new ChannelUrlError('slack: use slack://hook:T000-B000-XXXX@webhook.');
  }
  return {
    kind: 'slack',
    config: {},
    secrets: { url: `https://hooks.slack.com/services/${parts.join('/')}` },
  };
}

function telegram(url: URL): ParsedChannelUrl {
  const token = `${dec(url.username)}${url.password ? `:${dec(url.password)}` : ''}`;
  const chats = (url.searchParams.get('chats') ?? url.searchParams.get('channels') ?? '')
    .split(',')
    .filter(Boolean);
  if (!token || url.hostname !== 'telegram')
    throw new ChannelUrlError('telegram: use telegram://token@telegram?chats=….');
  if (chats.length !== 1) throw new ChannelUrlError('telegram: give exactly one chat per channel (chats=…).');
  return { kind: 'telegram', config: { chatId: chats[0] }, secrets: { botToken: token } };
}

function smtp(url: URL): ParsedChannelUrl {
  const port = url.port ? Number(url.port) : 25;
  const from = url.searchParams.get('from') ?? url.searchParams.get('fromaddress');
  const to = (url.searchParams.get('to') ?? '').split(',').filter(Boolean);
  if (!from || to.length === 0) throw new ChannelUrlError('smtp: from=… and to=… are required.');
  const encryption = (url.searchParams.get('encryption') ?? 'auto').toLowerCase();
  const startTls = url.searchParams.get('usestarttls');
  let security: 'tls' | 'starttls' | 'none';
  if (encryption === 'implicittls') security = 'tls';
  else if (encryption === 'explicittls') security = 'starttls';
  else if (encryption === 'none') security = 'none';
  else if (encryption === 'auto')
    security = port === 465 ? 'tls' : startTls !== null && !yes(startTls) ? 'none' : 'starttls';
  else throw new ChannelUrlError('smtp: encryption is Auto, ExplicitTLS, ImplicitTLS or None.');
  const config: Record<string, unknown> = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    security,
    from,
    to,
  };
  const secrets: Record<string, unknown> = {};
  if (url.username) {
    config.username = dec(url.username);
    if (url.password) secrets.password = dec(url.password);
  }
  return { kind: 'email', config, secrets };
}

function generic(url: URL, raw: string): ParsedChannelUrl {
  const rest = raw.replace(/^generic\+/i, '');
  let target: string;
  if (/^https?:\/\//i.test(rest)) target = rest;
  else {
    // generic://host/path: https unless disabletls=yes, as Shoutrrr does.
    const insecure = yes(url.searchParams.get('disabletls'));
    const copy = new URL(rest.replace(/^generic:/i, 'https:'));
    copy.searchParams.delete('disabletls');
    copy.protocol = insecure ? 'http:' : 'https:';
    target = copy.toString();
  }
  return { kind: 'webhook', config: {}, secrets: { url: target } };
}

/** Shoutrrr-style service URLs, parsed into the same fields a form fills in. */
export function parseChannelUrl(raw: string): ParsedChannelUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ChannelUrlError('Not a URL.');
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  switch (scheme) {
    case 'ntfy':
      return ntfy(url);
    case 'gotify':
      return gotify(url);
    case 'discord':
      return discord(url);
    case 'slack':
      return slack(url);
    case 'telegram':
      return telegram(url);
    case 'smtp':
      return smtp(url);
    case 'generic':
    case 'generic+http':
    case 'generic+https':
      return generic(url, raw.trim());
    default:
      throw new ChannelUrlError(
        `Unknown scheme "${scheme}": use ntfy, gotify, discord, slack, telegram, smtp or generic+https.`,
      );
  }
}
