import { describe, expect, it } from 'vitest';
import { parseSshConfig } from '../../src/modules/hosts/ssh-config-parser';

const CONFIG = `
# personal
Host bastion
  HostName bastion.example.net
  User ops
  Port 2222
  IdentityFile ~/.ssh/id_ed25519

Host web1 web2
  User deploy
  ProxyJump ops@bastion:2222

Host db
  HostName=10.1.2.3
  ProxyJump bastion,web1
  ForwardAgent yes
  LocalForward 5432 localhost:5432

Match host *.internal
  User nobody

Host *.example.com
  User wildcard

Host *
  User fallback
  ServerAliveInterval 30
  IdentityFile ~/.ssh/default
`;

describe('parseSshConfig', () => {
  const preview = parseSshConfig(CONFIG);

  it('lists concrete hosts with first-value-wins options, as ssh does', () => {
    expect(preview.hosts.map((h) => h.alias)).toEqual(['bastion', 'web1', 'web2', 'db']);
    expect(preview.hosts[0]).toMatchObject({
      address: 'bastion.example.net',
      port: 2222,
      username: 'ops',
      identityFile: '~/.ssh/id_ed25519',
      jumpAliases: [],
    });
    expect(preview.hosts[1]).toMatchObject({
      address: 'web1',
      username: 'deploy',
      jumpAliases: ['bastion'],
      identityFile: '~/.ssh/default',
    });
    expect(preview.hosts[3]).toMatchObject({
      address: '10.1.2.3',
      username: 'fallback',
      jumpAliases: ['bastion', 'web1'],
    });
  });

  it('warns about what it does not import instead of failing', () => {
    expect(preview.warnings.some((w) => w.includes('Match blocks are not imported'))).toBe(true);
    expect(preview.warnings.some((w) => w.includes('LocalForward is not used'))).toBe(true);
    expect(preview.warnings.some((w) => w.includes('ServerAliveInterval'))).toBe(false);
  });

  it('flags bad ports, missing users and unknown jump hosts per host', () => {
    const p = parseSshConfig('Host a\n  Port 99999\n  ProxyJump elsewhere\n');
    expect(p.hosts[0]).toMatchObject({ port: 22, username: '' });
    expect(p.hosts[0]!.warnings).toEqual([
      'Port "99999" is not a valid port; using 22.',
      'No User is set; choose a username before importing.',
      'Jump host "elsewhere" is not a Host in this config; it must already exist in ArchNest.',
    ]);
    expect(parseSshConfig('# nothing').warnings).toContain(
      'No Host entries with a concrete name were found.',
    );
  });
});
