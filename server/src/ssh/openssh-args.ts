import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { algorithmLists } from './algorithms';
import type { SeenHostKey } from './host-key';
import { quoteArg } from './quote-arg';
import type { SshTarget } from './ssh-target';

export const SSH_CLIENT_PATH = '/usr/bin/ssh';

/** known_hosts lookups use this name, so the pinned key applies whatever address ssh dials. */
const HOST_ALIAS = 'archnest-target';

export interface CertificateFiles {
  dir: string;
  keyPath: string;
  certPath: string;
  knownHostsPath: string;
  /** Set when the key has a passphrase: ssh asks this program, which reads it from a 0600 file. */
  askPassPath?: string;
  remove(): Promise<void>;
}

/** Writes key, certificate and a known_hosts with only the pinned key into a private (0700) temp dir. */
export async function writeCertificateFiles(
  auth: { privateKey: string; certificate: string; passphrase?: string },
  pinned: SeenHostKey,
): Promise<CertificateFiles> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'archnest-ssh-'));
  await fs.chmod(dir, 0o700);
  const write = (name: string, text: string, mode = 0o600) =>
    fs.writeFile(path.join(dir, name), text.endsWith('\n') ? text : `${text}\n`, { mode, flag: 'wx' });
  const files: CertificateFiles = {
    dir,
    keyPath: path.join(dir, 'id'),
    certPath: path.join(dir, 'id-cert.pub'),
    knownHostsPath: path.join(dir, 'known_hosts'),
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
  try {
    await write('id', auth.privateKey);
    await write('id-cert.pub', auth.certificate);
    await write('known_hosts', `${HOST_ALIAS} ${pinned.publicKey}`);
    if (auth.passphrase !== undefined) {
      await write('passphrase', auth.passphrase);
      files.askPassPath = path.join(dir, 'askpass');
      await write('askpass', `#!/bin/sh\nexec cat ${quoteArg(path.join(dir, 'passphrase'))}\n`, 0o700);
    }
  } catch (error) {
    await files.remove();
    throw error;
  }
  return files;
}

/** Host key algorithms that can only be satisfied by the pinned key's type. */
function pinnedHostKeyAlgorithms(publicKey: string, legacy: boolean): string {
  const format = publicKey.split(' ')[0] ?? '';
  if (format === 'ssh-rsa') return legacy ? 'rsa-sha2-512,rsa-sha2-256,ssh-rsa' : 'rsa-sha2-512,rsa-sha2-256';
  return format;
}

export interface SshArgvOptions {
  files: CertificateFiles;
  target: SshTarget;
  pinned: SeenHostKey;
  /** Where ssh dials: the target itself, or a loopback forward at the end of a jump chain. */
  dial: { host: string; port: number };
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  /** The remote command (already quoted); a login shell with a pty when absent. */
  command?: string;
  /** Ask for a pty for `command` too (an interactive program such as `docker exec -it`). */
  tty?: boolean;
}

/** The OpenSSH client's argv: no config files, no agent, no other identities, only the pinned host key. */
export function sshArgv(options: SshArgvOptions): string[] {
  const { files, target, pinned, dial } = options;
  const lists = algorithmLists(target.legacyAlgorithms);
  const opt = (name: string, value: string) => ['-o', `${name}=${value}`];
  return [
    '-F',
    '/dev/null',
    '-p',
    String(dial.port),
    '-l',
    target.username,
    '-i',
    files.keyPath,
    ...opt('CertificateFile', files.certPath),
    ...opt('IdentitiesOnly', 'yes'),
    ...opt('IdentityAgent', 'none'),
    ...opt('PubkeyAuthentication', 'yes'),
    ...opt('PasswordAuthentication', 'no'),
    ...opt('KbdInteractiveAuthentication', 'no'),
    ...opt('HostbasedAuthentication', 'no'),
    ...opt('HostKeyAlias', HOST_ALIAS),
    ...opt('UserKnownHostsFile', files.knownHostsPath),
    ...opt('GlobalKnownHostsFile', '/dev/null'),
    ...opt('StrictHostKeyChecking', 'yes'),
    ...opt('UpdateHostKeys', 'no'),
    ...opt('CheckHostIP', 'no'),
    ...opt('HostKeyAlgorithms', pinnedHostKeyAlgorithms(pinned.publicKey, target.legacyAlgorithms ?? false)),
    ...opt('KexAlgorithms', lists.kex.join(',')),
    ...opt('Ciphers', lists.cipher.join(',')),
    ...opt('MACs', lists.hmac.join(',')),
    ...opt('ConnectTimeout', String(Math.max(1, Math.ceil(options.connectTimeoutMs / 1000)))),
    ...opt('ServerAliveInterval', String(Math.max(1, Math.ceil(options.keepaliveIntervalMs / 1000)))),
    ...opt('ServerAliveCountMax', '3'),
    ...opt('ForwardAgent', 'no'),
    ...opt('ForwardX11', 'no'),
    ...opt('ClearAllForwardings', 'yes'),
    ...opt('LogLevel', 'ERROR'),
    options.command === undefined || options.tty ? '-tt' : '-T',
    '--',
    dial.host,
    ...(options.command === undefined ? [] : [options.command]),
  ];
}

/** A small environment for ssh: no inherited agent socket, askpass only when a passphrase is needed. */
export function sshEnv(files: CertificateFiles, term?: string): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    HOME: files.dir,
    LANG: 'C.UTF-8',
    ...(term ? { TERM: term } : {}),
    ...(files.askPassPath ? { SSH_ASKPASS: files.askPassPath, SSH_ASKPASS_REQUIRE: 'force' } : {}),
  };
}
