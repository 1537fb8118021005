import type { CredentialKind } from '@archnest/contract';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError } from '../../http/app-error';
import { checkPrivateKey } from '../../ssh';

export interface SecretValues {
  password?: string | null | undefined;
  privateKey?: string | null | undefined;
  passphrase?: string | null | undefined;
  certificate?: string | null | undefined;
}

export interface SealedColumns {
  password_sealed: string | null;
  private_key_sealed: string | null;
  passphrase_sealed: string | null;
  certificate: string | null;
}

export interface OpenedSecrets {
  password: string | null;
  privateKey: string | null;
  passphrase: string | null;
  certificate: string | null;
}

const invalid = (message: string) => new AppError(400, 'invalid_secret', message);

/** Which secrets each kind needs. Keyboard-interactive needs none: its answers are typed live. */
export function requireSecretsFor(
  kind: CredentialKind | 'keyboard-interactive',
  values: OpenedSecrets,
): void {
  switch (kind) {
    case 'password':
      if (!values.password) throw invalid('Password authentication needs a password.');
      return;
    case 'key':
      if (!values.privateKey) throw invalid('Key authentication needs a private key.');
      break;
    case 'certificate':
      if (!values.privateKey || !values.certificate) {
        throw invalid('Certificate authentication needs a private key and its OpenSSH certificate.');
      }
      break;
    case 'keyboard-interactive':
      return;
  }
  const check = checkPrivateKey(values.privateKey, values.passphrase ?? undefined);
  if (!check.ok) {
    throw invalid(
      {
        unreadable:
          'The private key could not be read; paste the whole key including its BEGIN and END lines.',
        needs_passphrase: 'The private key is encrypted; give its passphrase.',
        wrong_passphrase: 'The passphrase does not open the private key.',
      }[check.reason],
    );
  }
}

const usedFields: Record<CredentialKind | 'keyboard-interactive', (keyof OpenedSecrets)[]> = {
  password: ['password'],
  key: ['privateKey', 'passphrase'],
  certificate: ['privateKey', 'passphrase', 'certificate'],
  'keyboard-interactive': [],
};

/** Drops secrets the auth method does not use, so switching methods leaves nothing stale behind. */
export function onlyUsedSecrets(
  kind: CredentialKind | 'keyboard-interactive',
  values: OpenedSecrets,
): SecretValues {
  const keep = usedFields[kind];
  return {
    password: keep.includes('password') ? values.password : null,
    privateKey: keep.includes('privateKey') ? values.privateKey : null,
    passphrase: keep.includes('passphrase') ? values.passphrase : null,
    certificate: keep.includes('certificate') ? values.certificate : null,
  };
}

/** Applies an update: absent keeps the current value, a string replaces it, null clears it. */
export function applySecretChanges(current: OpenedSecrets, changes: SecretValues): OpenedSecrets {
  const pick = <K extends keyof OpenedSecrets>(k: K) =>
    changes[k] === undefined ? current[k] : (changes[k] ?? null);
  return {
    password: pick('password'),
    privateKey: pick('privateKey'),
    passphrase: pick('passphrase'),
    certificate: pick('certificate'),
  };
}

/** Seals the secrets a method uses (and drops the rest) for storage under `scope`, e.g. "host:<id>". */
export function sealUsedSecrets(
  box: SecretBox,
  scope: string,
  kind: CredentialKind | 'keyboard-interactive',
  values: OpenedSecrets,
): SealedColumns {
  const used = onlyUsedSecrets(kind, values);
  const seal = (value: string | null | undefined, field: string) =>
    value === null || value === undefined ? null : box.seal(value, `${scope}:${field}`);
  return {
    password_sealed: seal(used.password, 'password'),
    private_key_sealed: seal(used.privateKey, 'private_key'),
    passphrase_sealed: seal(used.passphrase, 'passphrase'),
    certificate: used.certificate ?? null,
  };
}

export function openSecrets(box: SecretBox, scope: string, row: SealedColumns): OpenedSecrets {
  const open = (value: string | null, field: string) =>
    value === null ? null : box.open(value, `${scope}:${field}`);
  return {
    password: open(row.password_sealed, 'password'),
    privateKey: open(row.private_key_sealed, 'private_key'),
    passphrase: open(row.passphrase_sealed, 'passphrase'),
    certificate: row.certificate,
  };
}

export function secretFlags(row: SealedColumns) {
  return {
    hasPassword: row.password_sealed !== null,
    hasPrivateKey: row.private_key_sealed !== null,
    hasPassphrase: row.passphrase_sealed !== null,
    hasCertificate: row.certificate !== null,
  };
}

export const noSecrets: OpenedSecrets = {
  password: null,
  privateKey: null,
  passphrase: null,
  certificate: null,
};
