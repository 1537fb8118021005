import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureTestUser,
  freePort,
  generateKeyPair,
  startSshd,
  type SshKeyPair,
  type SshdServer,
} from '@archnest/test-support';
import { connectSsh, SshConnectError, type SshAuth, type SshTarget } from '../../src/ssh';
import {
  expectNoSecrets,
  pinnedVerifier,
  pinsFor,
  rejectionOf,
  TEST_PASSWORD,
  TEST_USER,
  tempDir,
} from '../helpers/ssh-fixtures';

let sshd: SshdServer;
let keysDir: string;
const keys: Record<string, SshKeyPair> = {};

beforeAll(async () => {
  ensureTestUser(TEST_USER, TEST_PASSWORD);
  sshd = await startSshd();
  keysDir = tempDir('archnest-keys-');
  keys.ed25519 = generateKeyPair(keysDir, 'ed25519', { type: 'ed25519' });
  keys.ecdsa = generateKeyPair(keysDir, 'ecdsa', { type: 'ecdsa' });
  keys.rsa = generateKeyPair(keysDir, 'rsa', { type: 'rsa' });
  keys.locked = generateKeyPair(keysDir, 'locked', { type: 'ed25519', passphrase: 'key-Passphrase-0912' });
  for (const key of Object.values(keys)) sshd.authorizeKey(TEST_USER, key.publicKey);
});

afterAll(async () => {
  await sshd?.stop();
  if (keysDir) fs.rmSync(keysDir, { recursive: true, force: true });
});

const target = (auth: SshAuth, over: Partial<SshTarget> = {}): SshTarget => ({
  label: 'web1',
  host: sshd.host,
  port: sshd.port,
  username: TEST_USER,
  auth,
  ...over,
});

async function whoami(auth: SshAuth): Promise<string> {
  const connection = await connectSsh([target(auth)], {
    verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify,
  });
  try {
    const result = await connection.exec(['id', '-un']);
    expect(result.code).toBe(0);
    return result.stdout.trim();
  } finally {
    connection.close();
  }
}

describe('connectSsh logs in', () => {
  it('with a password', async () => {
    expect(await whoami({ type: 'password', password: TEST_PASSWORD })).toBe(TEST_USER);
  });

  it.each(['ed25519', 'ecdsa', 'rsa'])('with an %s key', async (name) => {
    expect(await whoami({ type: 'key', privateKey: keys[name]!.privateKey })).toBe(TEST_USER);
  });

  it('with an encrypted key and its passphrase', async () => {
    const key = keys.locked!;
    expect(await whoami({ type: 'key', privateKey: key.privateKey, passphrase: key.passphrase! })).toBe(
      TEST_USER,
    );
  });

  it('reports the verified host key of the target, as ssh-keygen -l prints it', async () => {
    const steps: string[] = [];
    const connection = await connectSsh([target({ type: 'password', password: TEST_PASSWORD })], {
      verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify,
      onStep: (step) => steps.push(step.phase),
    });
    connection.close();
    const expected = sshd.hostKeyFingerprint();
    expect(connection.hostKeys).toEqual([
      {
        hop: 0,
        label: 'web1',
        host: sshd.host,
        port: sshd.port,
        algorithm: expected.type,
        fingerprint: expected.fingerprint,
      },
    ]);
    expect(steps).toEqual(['dns', 'tcp', 'handshake', 'host_key_trusted', 'auth', 'ready']);
  });
});

describe('connectSsh fails with the step that failed', () => {
  it('refuses an unknown host key and shows the verifier the exact fingerprint', async () => {
    const verifier = pinnedVerifier(new Map());
    const error = await rejectionOf(
      connectSsh([target({ type: 'password', password: TEST_PASSWORD })], { verifyHostKey: verifier.verify }),
    );
    const expected = sshd.hostKeyFingerprint();
    expect(verifier.seen).toHaveLength(1);
    expect(verifier.seen[0]).toMatchObject({
      host: sshd.host,
      port: sshd.port,
      hop: 0,
      algorithm: 'ED25519',
      fingerprint: expected.fingerprint,
    });
    expect(sshd.hostPublicKey().startsWith(verifier.seen[0]!.publicKey)).toBe(true);
    expect(error).toBeInstanceOf(SshConnectError);
    expect(error).toMatchObject({
      step: 'host_key',
      hop: 0,
      hopLabel: 'web1',
      hostKey: { reason: 'unknown', fingerprint: expected.fingerprint, algorithm: 'ED25519' },
    });
  });

  it('wrong password → auth, without the password in the error', async () => {
    const error = await rejectionOf(
      connectSsh([target({ type: 'password', password: 'wrong-Pass-5521' })], {
        verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify,
      }),
    );
    expect(error).toMatchObject({ step: 'auth', hop: 0, hopLabel: 'web1' });
    expect((error as Error).message).toBe(
      `Authentication as ${TEST_USER} on web1 failed: the server refused the password`,
    );
    expectNoSecrets(error, ['wrong-Pass-5521']);
  });

  it('a key the server does not know → auth', async () => {
    const stranger = generateKeyPair(keysDir, 'stranger');
    const error = await rejectionOf(
      connectSsh([target({ type: 'key', privateKey: stranger.privateKey })], {
        verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify,
      }),
    );
    expect(error).toMatchObject({ step: 'auth' });
    expect((error as Error).message).toContain('the server refused the key');
    expectNoSecrets(error, [stranger.privateKey]);
  });

  it('wrong passphrase → auth with a clear reason, and no secret in the error', async () => {
    const key = keys.locked!;
    const error = await rejectionOf(
      connectSsh([target({ type: 'key', privateKey: key.privateKey, passphrase: 'not-The-Passphrase-44' })], {
        verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify,
      }),
    );
    expect(error).toMatchObject({ step: 'auth', hop: 0 });
    expect((error as Error).message).toContain('the passphrase for the private key is wrong');
    expectNoSecrets(error, [key.privateKey, 'not-The-Passphrase-44', key.passphrase!]);
  });

  it('a name that does not resolve → dns', async () => {
    const error = await rejectionOf(
      connectSsh([target({ type: 'password', password: TEST_PASSWORD }, { host: 'no-such-host.invalid' })], {
        verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify,
      }),
    );
    expect(error).toMatchObject({ step: 'dns', hop: 0, hopLabel: 'web1' });
    expect((error as Error).message).toContain('no-such-host.invalid');
  });

  it('a closed port → tcp', async () => {
    const port = await freePort();
    const error = await rejectionOf(
      connectSsh([target({ type: 'password', password: TEST_PASSWORD }, { port })], {
        verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify,
      }),
    );
    expect(error).toMatchObject({ step: 'tcp', hop: 0 });
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });

  it('requires a verifier', async () => {
    await expect(
      connectSsh([target({ type: 'password', password: TEST_PASSWORD })], {} as never),
    ).rejects.toThrow('host key verifier');
  });
});
