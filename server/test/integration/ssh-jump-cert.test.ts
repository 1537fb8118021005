import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureTestUser,
  generateKeyPair,
  signUserCertificate,
  startSshd,
  type SshKeyPair,
  type SshdServer,
  type UserCertificate,
} from '@archnest/test-support';
import { connectSsh, type SshAuth, type SshTarget } from '../../src/ssh';
import {
  expectNoSecrets,
  pinnedVerifier,
  pinsFor,
  rejectionOf,
  TEST_PASSWORD,
  TEST_USER,
  tempDir,
} from '../helpers/ssh-fixtures';

// Three real servers: jump1 -> jump2 -> target. The target trusts a user CA for certificate logins.
let jump1: SshdServer;
let jump2: SshdServer;
let target: SshdServer;
let dir: string;
let userKey: SshKeyPair;
let cert: UserCertificate;

beforeAll(async () => {
  ensureTestUser(TEST_USER, TEST_PASSWORD);
  dir = tempDir('archnest-ca-');
  const ca = generateKeyPair(dir, 'user_ca');
  userKey = generateKeyPair(dir, 'user', { passphrase: 'cert-Key-Pass-8820' });
  cert = signUserCertificate(ca, userKey, { identity: 'archnest-test', principals: [TEST_USER] });
  [jump1, jump2, target] = await Promise.all([
    startSshd(),
    startSshd(),
    startSshd({ trustedUserCaKey: ca.publicKey }),
  ]);
});

afterAll(async () => {
  await Promise.all([jump1?.stop(), jump2?.stop(), target?.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const password: SshAuth = { type: 'password', password: TEST_PASSWORD };
const hop = (label: string, server: SshdServer, auth: SshAuth = password): SshTarget => ({
  label,
  host: server.host,
  port: server.port,
  username: TEST_USER,
  auth,
});
const certAuth = (): SshAuth => ({
  type: 'certificate',
  privateKey: userKey.privateKey,
  certificate: cert.certificate,
  passphrase: userKey.passphrase!,
});

async function readUntil(chunks: () => string, text: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!chunks().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" in shell output: ${chunks()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('jump chains', () => {
  it('runs a command through two jump hops, verifying every hop', async () => {
    const verifier = pinnedVerifier(pinsFor(jump1, jump2, target));
    const connection = await connectSsh([hop('jump1', jump1), hop('jump2', jump2), hop('web1', target)], {
      verifyHostKey: verifier.verify,
    });
    try {
      expect(await connection.exec(['echo', 'hi'])).toEqual({ stdout: 'hi\n', stderr: '', code: 0 });
    } finally {
      connection.close();
    }
    expect(verifier.seen.map((s) => [s.hop, s.port])).toEqual([
      [0, jump1.port],
      [1, jump2.port],
      [2, target.port],
    ]);
    expect(connection.hostKeys.map((k) => k.fingerprint)).toEqual(
      [jump1, jump2, target].map((s) => s.hostKeyFingerprint().fingerprint),
    );
  });

  it('stops at a hop whose key is unknown', async () => {
    const pins = pinsFor(jump1, target);
    const error = await rejectionOf(
      connectSsh([hop('jump1', jump1), hop('jump2', jump2), hop('web1', target)], {
        verifyHostKey: pinnedVerifier(pins).verify,
      }),
    );
    expect(error).toMatchObject({
      step: 'host_key',
      hop: 1,
      hopLabel: 'jump2',
      hostKey: { reason: 'unknown' },
    });
  });

  it('reports wrong credentials on a hop with that hop', async () => {
    const error = await rejectionOf(
      connectSsh(
        [hop('jump1', jump1, { type: 'password', password: 'nope-Wrong-19' }), hop('web1', target)],
        {
          verifyHostKey: pinnedVerifier(pinsFor(jump1, target)).verify,
        },
      ),
    );
    expect(error).toMatchObject({ step: 'auth', hop: 0, hopLabel: 'jump1' });
    expectNoSecrets(error, ['nope-Wrong-19', TEST_PASSWORD]);
  });
});

describe('certificate logins (OpenSSH client in a pty)', () => {
  it('opens a shell with a CA-signed certificate and relays its output', async () => {
    const connection = await connectSsh([hop('web1', target, certAuth())], {
      verifyHostKey: pinnedVerifier(pinsFor(target)).verify,
    });
    expect(connection.transport).toBe('openssh');
    try {
      const shell = await connection.shell({ cols: 80, rows: 24 });
      let output = '';
      shell.onData((data) => (output += data.toString('utf8')));
      const exited = new Promise((resolve) => shell.onExit(resolve));
      shell.write('echo cert-$((40+2)); id -un; exit 5\n');
      await readUntil(() => output, 'cert-42');
      expect(await exited).toEqual({ code: 5 });
      expect(output).toContain(TEST_USER);
      expect(await connection.exec(['echo', `it's $(literal)`])).toMatchObject({
        stdout: `it's $(literal)\n`,
        code: 0,
      });
    } finally {
      connection.close();
    }
  });

  it('reaches a certificate target through an ssh2 jump hop', async () => {
    const verifier = pinnedVerifier(pinsFor(jump1, target));
    const connection = await connectSsh([hop('jump1', jump1), hop('web1', target, certAuth())], {
      verifyHostKey: verifier.verify,
    });
    try {
      const shell = await connection.shell({ cols: 80, rows: 24 });
      let output = '';
      shell.onData((data) => (output += data.toString('utf8')));
      shell.write('echo via-$((1+1))-hop\n');
      await readUntil(() => output, 'via-2-hop');
      shell.close();
    } finally {
      connection.close();
    }
    expect(verifier.seen.map((s) => s.hop)).toEqual([0, 1]);
    expect(connection.hostKeys.map((k) => k.label)).toEqual(['jump1', 'web1']);
  });

  it('refuses a certificate for another principal → auth, without secrets', async () => {
    const ca2 = generateKeyPair(dir, 'other_ca');
    const other = generateKeyPair(dir, 'other');
    const otherCert = signUserCertificate(ca2, other, { identity: 'x', principals: [TEST_USER] });
    const error = await rejectionOf(
      connectSsh(
        [
          hop('web1', target, {
            type: 'certificate',
            privateKey: other.privateKey,
            certificate: otherCert.certificate,
          }),
        ],
        { verifyHostKey: pinnedVerifier(pinsFor(target)).verify },
      ),
    );
    expect(error).toMatchObject({ step: 'auth', hop: 0, hopLabel: 'web1' });
    expectNoSecrets(error, [other.privateKey]);
  });

  it('checks the certificate target host key through the verifier first', async () => {
    const error = await rejectionOf(
      connectSsh([hop('web1', target, certAuth())], { verifyHostKey: pinnedVerifier(new Map()).verify }),
    );
    expect(error).toMatchObject({ step: 'host_key', hostKey: { reason: 'unknown' } });
    expectNoSecrets(error, [userKey.privateKey, userKey.passphrase!]);
  });
});

describe('changed host keys', () => {
  it('are refused on the target and on a hop, showing both fingerprints', async () => {
    const pins = pinsFor(jump1, target);
    const oldTarget = target.hostKeyFingerprint().fingerprint;
    const oldJump = jump1.hostKeyFingerprint().fingerprint;

    await target.rotateHostKeys();
    const onTarget = await rejectionOf(
      connectSsh([hop('jump1', jump1), hop('web1', target)], { verifyHostKey: pinnedVerifier(pins).verify }),
    );
    expect(onTarget).toMatchObject({
      step: 'host_key',
      hop: 1,
      hopLabel: 'web1',
      hostKey: {
        reason: 'changed',
        expectedFingerprint: oldTarget,
        fingerprint: target.hostKeyFingerprint().fingerprint,
      },
    });
    expect((onTarget as Error).message).toBe(
      `Host key of web1 (127.0.0.1:${target.port}) changed: expected ${oldTarget}, got ${target.hostKeyFingerprint().fingerprint} (ED25519)`,
    );

    await jump1.rotateHostKeys();
    const onHop = await rejectionOf(
      connectSsh([hop('jump1', jump1), hop('web1', target)], { verifyHostKey: pinnedVerifier(pins).verify }),
    );
    expect(onHop).toMatchObject({
      step: 'host_key',
      hop: 0,
      hopLabel: 'jump1',
      hostKey: {
        reason: 'changed',
        expectedFingerprint: oldJump,
        fingerprint: jump1.hostKeyFingerprint().fingerprint,
      },
    });
  });
});
