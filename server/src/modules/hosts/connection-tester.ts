import type { HostKeyChallenge, TestConnectionResult } from '@archnest/contract';
import { AppError } from '../../http/app-error';
import { connectSsh, SshConnectError } from '../../ssh';
import type { HostKeyService } from './host-key.service';
import type { Viewer } from './host-access';
import type { HostLoginService } from './host-login.service';
import { hostKeyVerifier, toSshTargets } from './ssh-targets';

const TEST_TIMEOUT_MS = 10_000;

/** "Test connection": walks every hop with the real verifier and says in plain words where it stopped. */
export class ConnectionTester {
  /** Tests in flight per user: each holds outbound connections for up to the timeout. */
  private readonly running = new Map<string, number>();

  constructor(
    private readonly logins: HostLoginService,
    private readonly hostKeys: HostKeyService,
    private readonly perUser: number,
  ) {}

  /** Runs one test as the viewer, or answers 429 `too_many_tests` when they already have `perUser` running. */
  async testFor(viewer: Viewer, hostId: string): Promise<TestConnectionResult> {
    const userId = viewer.id;
    const running = this.running.get(userId) ?? 0;
    if (running >= this.perUser) {
      throw new AppError(
        429,
        'too_many_tests',
        `You already have ${running} connection tests running; wait for one to finish.`,
        { 'retry-after': '1' },
      );
    }
    this.running.set(userId, running + 1);
    try {
      return await this.test(viewer, hostId);
    } finally {
      const left = (this.running.get(userId) ?? 1) - 1;
      if (left > 0) this.running.set(userId, left);
      else this.running.delete(userId);
    }
  }

  /** As the viewer would connect: their access, and their own login on a per-user host. */
  async test(viewer: Viewer, hostId: string): Promise<TestConnectionResult> {
    const started = Date.now();
    const plan = await this.logins.planFor(viewer, hostId);
    const fingerprints: (string | null)[] = plan.map(() => null);
    let challenge: HostKeyChallenge | null = null;
    const verify = hostKeyVerifier(plan, this.hostKeys, (verdict) => {
      if (!verdict.trust) challenge = verdict.challenge;
      return Promise.resolve(verdict);
    });
    const hops = (reached: number) =>
      plan.map((hop, i) => ({
        hostName: hop.name,
        address: hop.address,
        port: hop.port,
        ok: i < reached,
        fingerprint: fingerprints[i] ?? null,
      }));
    // Keyboard-interactive prompts are answered by a person in the terminal, not here.
    const targets = toSshTargets(plan, () => Promise.resolve([]));
    try {
      const connection = await connectSsh(targets, {
        verifyHostKey: verify,
        readyTimeoutMs: TEST_TIMEOUT_MS,
      });
      try {
        connection.hostKeys.forEach((k) => (fingerprints[k.hop] = k.fingerprint));
        const result = await connection.exec(['true'], { timeoutMs: TEST_TIMEOUT_MS });
        const ok = result.code === 0;
        return {
          ok,
          hops: hops(ok ? plan.length : plan.length - 1),
          failedStep: ok ? null : 'exec',
          message: ok
            ? `Connected to ${plan.at(-1)!.name} through ${plan.length - 1} jump host(s) and ran a command.`
            : `Signed in, but running a command failed with status ${result.code ?? 'unknown'}.`,
          hostKeyChallenge: null,
          durationMs: Date.now() - started,
        };
      } finally {
        connection.close();
      }
    } catch (error) {
      if (!(error instanceof SshConnectError)) throw error;
      if (error.hostKey) fingerprints[error.hop] = error.hostKey.fingerprint;
      const kbd = error.step === 'auth' && plan[error.hop]?.method === 'keyboard-interactive';
      return {
        ok: false,
        hops: hops(error.hop),
        failedStep: error.step,
        message: kbd
          ? `${error.message} Keyboard-interactive prompts are answered in the terminal.`
          : error.message,
        hostKeyChallenge: error.step === 'host_key' ? challenge : null,
        durationMs: Date.now() - started,
      };
    }
  }
}
