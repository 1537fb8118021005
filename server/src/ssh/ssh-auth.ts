import ssh2, {
  type AnyAuthMethod,
  type AuthenticationType,
  type NextAuthHandler,
  type ParsedKey,
} from 'ssh2';
import { SshConnectError } from './ssh-connect-error';
import type { SshTarget } from './ssh-target';

// ssh2 is CommonJS and Node's ESM loader only sees some of its names: `utils` comes off the default export.
const { utils } = ssh2;

/** Reads a private key up front so a wrong passphrase is reported as such, before any network work. */
export function loadPrivateKey(
  target: SshTarget,
  hop: number,
  privateKey: string,
  passphrase: string | undefined,
): ParsedKey {
  // A PuTTY or multi-key file parses to an array at run time, which the typings do not admit.
  const parsed = utils.parseKey(privateKey, passphrase) as ParsedKey | Error | (ParsedKey | Error)[];
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key && !(key instanceof Error)) return key;
  const text = key instanceof Error ? key.message : '';
  let why = 'the private key could not be read (is it an OpenSSH, PEM or PuTTY private key?)';
  if (/passphrase/i.test(text)) {
    why =
      passphrase === undefined || passphrase === ''
        ? 'the private key is encrypted and no passphrase was given'
        : 'the passphrase for the private key is wrong';
  }
  throw new SshConnectError(
    'auth',
    hop,
    target.label,
    `Cannot log in as ${target.username} on ${target.label}: ${why}`,
  );
}

const METHOD_NAMES: Record<string, string> = {
  password: 'password',
  publickey: 'public key',
  'keyboard-interactive': 'keyboard-interactive',
};

/**
 * Drives ssh2's authentication for one hop: one attempt with the configured method, then give up, and
 * remember enough to explain the failure in plain words.
 */
export class HopAuthenticator {
  private attempted = false;
  private offered: AuthenticationType[] | null = null;
  private respondFailed = false;

  constructor(
    private readonly target: SshTarget,
    private readonly key: ParsedKey | undefined,
  ) {}

  readonly handler = (authsLeft: AuthenticationType[], _partial: boolean, next: NextAuthHandler): void => {
    // ssh2 passes null before the first attempt and accepts false for "give up"; its types admit neither.
    const answer = next as (method: AnyAuthMethod | false) => void;
    if ((authsLeft as AuthenticationType[] | null) !== null) this.offered = authsLeft;
    if (this.attempted) {
      answer(false);
      return;
    }
    this.attempted = true;
    answer(this.method());
  };

  private method(): AnyAuthMethod | false {
    const { auth, username } = this.target;
    switch (auth.type) {
      case 'password':
        return { type: 'password', username, password: auth.password };
      case 'key':
      case 'certificate':
        return this.key ? { type: 'publickey', username, key: this.key } : false;
      case 'keyboard-interactive':
        return {
          type: 'keyboard-interactive',
          username,
          prompt: (name, instructions, _lang, prompts, finish) => {
            // PAM often ends with an empty info request; only real questions go to the user.
            if (prompts.length === 0) {
              finish([]);
              return;
            }
            auth
              .respond(
                prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })),
                name,
                instructions,
              )
              .then(finish, () => {
                this.respondFailed = true;
                finish([]);
              });
          },
        };
    }
  }

  private methodName(): string {
    const type = this.target.auth.type;
    return type === 'keyboard-interactive'
      ? 'keyboard-interactive'
      : type === 'password'
        ? 'password'
        : 'publickey';
  }

  /** Why the server said no, without repeating anything secret. */
  failureReason(): string {
    const method = this.methodName();
    if (this.offered && !this.offered.includes(method as AuthenticationType)) {
      const offered = this.offered.map((m) => METHOD_NAMES[m] ?? m).join(', ') || 'nothing';
      return `the server does not accept ${METHOD_NAMES[method]} logins (it offers: ${offered})`;
    }
    switch (this.target.auth.type) {
      case 'password':
        return 'the server refused the password';
      case 'key':
      case 'certificate':
        return 'the server refused the key';
      case 'keyboard-interactive':
        return this.respondFailed
          ? 'the answers to the login prompts were not given'
          : 'the server refused the answers to its login prompts';
    }
  }
}
