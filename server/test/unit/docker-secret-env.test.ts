import { describe, expect, it } from 'vitest';
import { isSecretEnvName, maskEnv, maskEnvEntry } from '../../src/docker/secret-env';

describe('secret env masking', () => {
  it.each([
    'PASSWORD',
    'DB_PASSWORD',
    'mysql_root_password',
    'PGPASSWD',
    'POSTGRES_PASSWORD_FILE',
    'API_TOKEN',
    'GITHUB_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_ACCESS_KEY_ID',
    'apiKey',
    'PRIVATE_KEY',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'BASIC_AUTH',
    'OAuthClient',
    'SENTRY_DSN',
    'DB_PASS',
    'REDIS_PWD',
    'ADMIN_PW',
    'SESSION_SECRET',
    'COOKIE_SALT',
    'JWT',
    'Passphrase',
    'GITHUB_PAT',
    'BEARER',
    'AUTHORIZATION_BEARER',
    'WALLET_SEED',
    'SLACK_WEBHOOK',
  ])('%s is masked', (name) => {
    expect(isSecretEnvName(name)).toBe(true);
    expect(maskEnvEntry(`${name}=s3cr3t`)).toEqual({ name, value: '***', masked: true });
  });

  it.each([
    'PATH',
    'HOME',
    'PWD',
    'OLDPWD',
    'TZ',
    'LANG',
    'PLAIN',
    'PASSAGE_ROOT',
    'SPIN',
    'NODE_ENV',
    'HOSTNAME',
    'PATH_PREFIX',
    'SEEDLING',
    'COMPASS',
  ])('%s is shown', (name) => {
    expect(isSecretEnvName(name)).toBe(false);
    expect(maskEnvEntry(`${name}=value`)).toEqual({ name, value: 'value', masked: false });
  });

  it('hides URL credentials under any name and keeps the rest of the URL', () => {
    expect(maskEnvEntry('DATABASE_URL=postgres://app:hunter2@db:5432/app')).toEqual({
      name: 'DATABASE_URL',
      value: 'postgres://app:***@db:5432/app',
      masked: true,
    });
    expect(maskEnvEntry('UPSTREAMS=http://a:x@h1,redis://:pw@h2').value).toBe(
      'http://a:***@h1,redis://:***@h2',
    );
    expect(maskEnvEntry('HOMEPAGE=https://example.org/a@b').masked).toBe(false);
  });

  it.each([
    ['https://ghp_abc123@github.com/org/repo.git', 'https://***@github.com/org/repo.git'],
    ['smtp://mailer:p%2Fss@mail.example:587', 'smtp://mailer:***@mail.example:587'],
    ['https://hooks.slack.com/services/T0/B0/XyZ', 'https://hooks.slack.com/***'],
    ['https://discord.com/api/webhooks/123/abcDEF', 'https://discord.com/api/webhooks/***'],
    ['https://api.telegram.org/bot123:AAE/sendMessage', 'https://api.telegram.org/bot***/sendMessage'],
    [
      'https://acme.webhook.office.com/webhookb2/x@y/IncomingWebhook/z',
      'https://acme.webhook.office.com/***',
    ],
    ['https://n8n.local/webhook/4f2a-secret', 'https://n8n.local/webhook/***'],
    ['https://x.example/api?token=abc&mode=1', 'https://x.example/api?token=***&mode=1'],
    ['https://x.example/api?a=1&API_KEY=zz#top', 'https://x.example/api?a=1&API_KEY=***#top'],
  ])('hides the secret inside %s', (value, shown) => {
    expect(maskEnvEntry(`TARGET=${value}`)).toEqual({ name: 'TARGET', value: shown, masked: true });
  });

  it('leaves ordinary URLs alone', () => {
    for (const value of [
      'https://example.org/hooks',
      'https://example.org/docs/webhooks',
      'ssh://git@github.com/x',
    ])
      expect(maskEnvEntry(`U=${value}`)).toEqual({ name: 'U', value, masked: false });
  });

  it('keeps values with "=" whole, names without values, and order', () => {
    expect(maskEnv(['A=b=c', 'FLAG', 'TOKEN=x=y'])).toEqual([
      { name: 'A', value: 'b=c', masked: false },
      { name: 'FLAG', value: '', masked: false },
      { name: 'TOKEN', value: '***', masked: true },
    ]);
    expect(maskEnv(null)).toEqual([]);
  });
});

describe('values masked already on the host', () => {
  it('still count as masked (the pull agent masks before ArchNest masks again)', () => {
    expect(maskEnvEntry('DATABASE_URL=postgres://app:***@db:5432/app')).toEqual({
      name: 'DATABASE_URL',
      value: 'postgres://app:***@db:5432/app',
      masked: true,
    });
  });
});
