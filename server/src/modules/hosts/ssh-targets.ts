import type { HostKeyVerifier, KeyboardPrompt, SshAuth, SshTarget } from '../../ssh';
import type { HostKeyService, HostKeyVerdict } from './host-key.service';
import type { ConnectionHop } from './hosts.service';

export type PromptAnswerer = (
  name: string,
  instructions: string,
  prompts: KeyboardPrompt[],
) => Promise<string[]>;

function authFor(hop: ConnectionHop, answer: PromptAnswerer): SshAuth {
  const { secrets } = hop;
  const passphrase = secrets.passphrase ? { passphrase: secrets.passphrase } : {};
  switch (hop.method) {
    case 'password':
      return { type: 'password', password: secrets.password ?? '' };
    case 'key':
      return { type: 'key', privateKey: secrets.privateKey ?? '', ...passphrase };
    case 'certificate':
      return {
        type: 'certificate',
        privateKey: secrets.privateKey ?? '',
        certificate: secrets.certificate ?? '',
        ...passphrase,
      };
    case 'keyboard-interactive':
      return {
        type: 'keyboard-interactive',
        respond: (prompts, name, instructions) => answer(name, instructions, prompts),
      };
  }
}

/** The hops of a connection plan in the form `ssh/` connects with. */
export function toSshTargets(plan: ConnectionHop[], answer: PromptAnswerer): SshTarget[] {
  return plan.map((hop) => ({
    label: hop.name,
    host: hop.address,
    port: hop.port,
    username: hop.username,
    auth: authFor(hop, answer),
    legacyAlgorithms: hop.legacyAlgorithms,
  }));
}

/**
 * Bridges `ssh/`'s verifier to the stored host keys, naming each hop by its host record.
 * `decide` may turn an untrusted verdict into trust (the terminal asks its user first).
 */
export function hostKeyVerifier(
  plan: ConnectionHop[],
  hostKeys: HostKeyService,
  decide: (verdict: HostKeyVerdict) => Promise<HostKeyVerdict | { trust: true }> = (v) => Promise.resolve(v),
): HostKeyVerifier {
  return async (seen) => {
    const verdict = await hostKeys.verify({
      hostName: plan[seen.hop]?.name ?? seen.host,
      address: seen.host,
      port: seen.port,
      hop: seen.hop,
      algorithm: seen.algorithm,
      fingerprint: seen.fingerprint,
      publicKey: seen.publicKey,
    });
    const decided = verdict.trust ? verdict : await decide(verdict);
    if (decided.trust) return { trust: true };
    return {
      trust: false,
      reason: decided.reason,
      ...(decided.expectedFingerprint ? { expectedFingerprint: decided.expectedFingerprint } : {}),
    };
  };
}
