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

  it('keeps values with "=" whole, names without values, and order', () => {
    expect(maskEnv(['A=b=c', 'FLAG', 'TOKEN=x=y'])).toEqual([
      { name: 'A', value: 'b=c', masked: false },
      { name: 'FLAG', value: '', masked: false },
      { name: 'TOKEN', value: '***', masked: true },
    ]);
    expect(maskEnv(null)).toEqual([]);
  });
});
