export interface KeyboardPrompt {
  prompt: string;
  /** Whether the answer may be shown while typed (false for passwords). */
  echo: boolean;
}

export type SshAuth =
  | { type: 'password'; password: string }
  | { type: 'key'; privateKey: string; passphrase?: string }
  | {
      type: 'keyboard-interactive';
      respond: (prompts: KeyboardPrompt[], name: string, instructions: string) => Promise<string[]>;
    }
  | { type: 'certificate'; privateKey: string; certificate: string; passphrase?: string };

/** One machine in a chain: jump hops first, the target last. */
export interface SshTarget {
  /** The name users know the host by; used in every message. */
  label: string;
  host: string;
  port: number;
  username: string;
  auth: SshAuth;
  /** Also offer SHA-1 and CBC algorithms, for old devices; per host, off by default. */
  legacyAlgorithms?: boolean;
}

export function describeTarget(target: Pick<SshTarget, 'label' | 'host' | 'port'>): string {
  return `${target.label} (${target.host}:${target.port})`;
}
