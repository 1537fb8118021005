import { PersonalHostLogin } from '@archnest/contract';
import { useId } from 'react';
import { TextField } from '../ui/field';
import { TextareaField } from '../ui/textarea';

/** A login being typed: a password, or a private key with an optional passphrase. */
export interface LoginDraft {
  kind: 'password' | 'key';
  username: string;
  password: string;
  privateKey: string;
  passphrase: string;
}

export const emptyLogin = (username: string): LoginDraft => ({
  kind: 'password',
  username,
  password: '',
  privateKey: '',
  passphrase: '',
});

/** Validates with the contract's own schema; errors keyed by field. */
export function buildLogin(
  draft: LoginDraft,
): { ok: true; login: PersonalHostLogin } | { ok: false; errors: Record<string, string> } {
  const parsed = PersonalHostLogin.safeParse(
    draft.kind === 'password'
      ? { kind: 'password', username: draft.username, password: draft.password }
      : {
          kind: 'key',
          username: draft.username,
          privateKey: draft.privateKey,
          ...(draft.passphrase ? { passphrase: draft.passphrase } : {}),
        },
  );
  if (parsed.success) return { ok: true, login: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= key === 'password' ? 'Enter your password.' : issue.message;
  }
  return { ok: false, errors };
}

interface PersonalLoginFieldsProps {
  draft: LoginDraft;
  errors: Record<string, string>;
  onChange: (patch: Partial<LoginDraft>) => void;
  autoFocus?: boolean;
}

/** Username plus password or private key: the user's own account on a per-user host. */
export function PersonalLoginFields({ draft, errors, onChange, autoFocus }: PersonalLoginFieldsProps) {
  const name = useId();
  return (
    <div className="flex flex-col gap-3">
      <TextField
        label="Your username on the host"
        autoComplete="off"
        value={draft.username}
        error={errors.username}
        onChange={(e) => onChange({ username: e.target.value })}
      />
      <div role="radiogroup" aria-label="Sign in with" className="flex gap-4 text-[0.9rem]">
        {(['password', 'key'] as const).map((kind) => (
          <label key={kind} className="flex items-center gap-1.5">
            <input
              type="radio"
              name={name}
              checked={draft.kind === kind}
              onChange={() => onChange({ kind })}
              className="h-4 w-4 accent-[var(--accent)]"
            />
            {kind === 'password' ? 'Password' : 'Private key'}
          </label>
        ))}
      </div>
      {draft.kind === 'password' ? (
        <TextField
          label="Your password"
          type="password"
          autoComplete="off"
          autoFocus={autoFocus}
          value={draft.password}
          error={errors.password}
          onChange={(e) => onChange({ password: e.target.value })}
        />
      ) : (
        <>
          <TextareaField
            label="Your private key"
            rows={4}
            placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
            value={draft.privateKey}
            error={errors.privateKey}
            onChange={(e) => onChange({ privateKey: e.target.value })}
          />
          <TextField
            label="Key passphrase"
            type="password"
            autoComplete="off"
            hint="Only if the key is encrypted."
            value={draft.passphrase}
            error={errors.passphrase}
            onChange={(e) => onChange({ passphrase: e.target.value })}
          />
        </>
      )}
    </div>
  );
}
