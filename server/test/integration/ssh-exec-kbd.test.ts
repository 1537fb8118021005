import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestUser, startSshd, type SshdServer } from '@archnest/test-support';
import { connectSsh, type KeyboardPrompt, type SshConnection } from '../../src/ssh';
import {
  expectNoSecrets,
  pinnedVerifier,
  pinsFor,
  rejectionOf,
  TEST_PASSWORD,
  TEST_USER,
} from '../helpers/ssh-fixtures';

// PAM-backed server: keyboard-interactive only works with UsePAM yes (see test-support/src/sshd.ts).
let sshd: SshdServer;
let connection: SshConnection;
const canary = `/tmp/archnest-canary-${process.pid}`;

beforeAll(async () => {
  ensureTestUser(TEST_USER, TEST_PASSWORD);
  sshd = await startSshd({ keyboardInteractive: true });
  connection = await connectSsh(
    [
      {
        label: 'pam1',
        host: sshd.host,
        port: sshd.port,
        username: TEST_USER,
        auth: { type: 'password', password: TEST_PASSWORD },
      },
    ],
    { verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify },
  );
});

afterAll(async () => {
  connection?.close();
  await sshd?.stop();
  fs.rmSync(canary, { force: true });
});

function kbdTarget(answer: string, asked: { prompts: KeyboardPrompt[] }[]) {
  return {
    label: 'pam1',
    host: sshd.host,
    port: sshd.port,
    username: TEST_USER,
    auth: {
      type: 'keyboard-interactive' as const,
      respond: (prompts: KeyboardPrompt[]) => {
        asked.push({ prompts });
        return Promise.resolve(prompts.map(() => answer));
      },
    },
  };
}

describe('keyboard-interactive', () => {
  it('relays the server prompt and logs in with the right answer', async () => {
    const asked: { prompts: KeyboardPrompt[] }[] = [];
    const kbd = await connectSsh([kbdTarget(TEST_PASSWORD, asked)], {
      verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify,
    });
    try {
      expect((await kbd.exec(['id', '-un'])).stdout.trim()).toBe(TEST_USER);
    } finally {
      kbd.close();
    }
    expect(asked).toEqual([{ prompts: [{ prompt: 'Password: ', echo: false }] }]);
  });

  it('a wrong answer → auth, without the answer in the error', async () => {
    const asked: { prompts: KeyboardPrompt[] }[] = [];
    const error = await rejectionOf(
      connectSsh([kbdTarget('wrong-Answer-3310', asked)], {
        verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify,
      }),
    );
    expect(asked.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ step: 'auth', hop: 0, hopLabel: 'pam1' });
    expect((error as Error).message).toContain('refused the answers');
    expectNoSecrets(error, ['wrong-Answer-3310', TEST_PASSWORD]);
  });
});

describe('exec', () => {
  const hostile = [
    `'; touch ${canary}; '`,
    `$(touch ${canary})`,
    `\`touch ${canary}\``,
    `a\nb; touch ${canary}`,
    `"double" 'single' \\back $HOME * ? ~ | & > < ;`,
    '',
    '-n',
  ];

  it('passes every argument literally: metacharacters are echoed, never run', async () => {
    const result = await connection.exec(['printf', '%s\\0', ...hostile]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(hostile);
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('echo prints hostile text as it is', async () => {
    const text = `x'; touch ${canary}; echo '$(id)`;
    const result = await connection.exec(['echo', text]);
    expect(result.stdout).toBe(`${text}\n`);
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('returns stderr and the exit code', async () => {
    const result = await connection.exec(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(result).toEqual({ stdout: 'out\n', stderr: 'err\n', code: 3 });
  });

  it('stops a command that runs past its timeout', async () => {
    await expect(connection.exec(['sleep', '5'], { timeoutMs: 300 })).rejects.toMatchObject({
      reason: 'timeout',
    });
  });

  it('stops a command that writes more than the output cap', async () => {
    await expect(
      connection.exec(['head', '-c', '100000', '/dev/zero'], { maxOutputBytes: 1000 }),
    ).rejects.toMatchObject({ reason: 'output_limit' });
  });

  it('refuses NUL bytes in arguments', async () => {
    await expect(connection.exec(['echo', 'a\0b'])).rejects.toThrow('NUL');
  });

  it('opens an interactive shell with a pty', async () => {
    const shell = await connection.shell({ cols: 100, rows: 30 });
    let output = '';
    shell.onData((data) => (output += data.toString('utf8')));
    const exited = new Promise((resolve) => shell.onExit(resolve));
    shell.write('stty size; echo "$TERM"; exit 7\n');
    expect(await exited).toEqual({ code: 7 });
    expect(output).toContain('30 100');
    expect(output).toContain('xterm-256color');
  });
});
