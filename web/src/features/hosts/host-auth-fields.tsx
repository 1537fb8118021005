import { AuthMethod, type Credential, type Host } from '@archnest/contract';
import { SelectField } from '../../components/ui/select-field';
import {
  authMethodLabels,
  credentialKindFor,
  secretsFor,
  type HostDraft,
  type SecretName,
} from '../../components/hosts/host-form-state';
import { SecretField } from '../../components/ui/secret-field';

const secretLabels: Record<SecretName, string> = {
  password: 'Password',
  privateKey: 'Private key',
  passphrase: 'Key passphrase',
  certificate: 'Certificate',
};

const secretPlaceholders: Record<SecretName, string> = {
  password: '',
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----',
  passphrase: 'Only if the key is encrypted',
  certificate: 'ssh-ed25519-cert-v01@openssh.com AAAA…',
};

const storedFlag: Record<SecretName, keyof Host> = {
  password: 'hasPassword',
  privateKey: 'hasPrivateKey',
  passphrase: 'hasPassphrase',
  certificate: 'hasCertificate',
};

interface HostAuthFieldsProps {
  draft: HostDraft;
  host: Host | null;
  credentials: Credential[];
  errors: Record<string, string>;
  onChange: (patch: Partial<HostDraft>) => void;
}

export function HostAuthFields({ draft, host, credentials, errors, onChange }: HostAuthFieldsProps) {
  const kind = credentialKindFor(draft.authMethod);
  const matching = kind ? credentials.filter((credential) => credential.kind === kind) : [];
  // The stored secrets only count while the host still keeps its own (not a credential) for this method.
  const storedApplies = host !== null && host.credentialId === null && host.authMethod === draft.authMethod;

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Authentication"
          value={draft.authMethod}
          onChange={(e) => onChange({ authMethod: AuthMethod.parse(e.target.value), credentialId: '' })}
        >
          {AuthMethod.options.map((method) => (
            <option key={method} value={method}>
              {authMethodLabels[method]}
            </option>
          ))}
        </SelectField>
        {kind ? (
          <SelectField
            label="Credential"
            value={draft.credentialId}
            error={errors.credentialId}
            onChange={(e) => onChange({ credentialId: e.target.value })}
            hint={
              matching.length === 0
                ? `No saved ${authMethodLabels[draft.authMethod].toLowerCase()} credentials yet.`
                : undefined
            }
          >
            <option value="">Stored with this host</option>
            {matching.map((credential) => (
              <option key={credential.id} value={credential.id}>
                {credential.name}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      {draft.authMethod === 'per-user' ? (
        <p className="text-[0.88rem] text-muted">
          The host stores no secret. Each user saves their own password or key for it (or types it when
          connecting) and signs in with their own account; the username above is only the suggestion.
        </p>
      ) : null}
      {draft.authMethod === 'keyboard-interactive' ? (
        <p className="text-[0.88rem] text-muted">
          The server&apos;s questions (password, one-time code) are asked in the terminal each time you
          connect.
        </p>
      ) : null}
      {draft.credentialId === ''
        ? secretsFor[draft.authMethod].map((name) => (
            <SecretField
              key={name}
              label={secretLabels[name]}
              isSet={storedApplies && Boolean(host[storedFlag[name]])}
              multiline={name === 'privateKey' || name === 'certificate'}
              placeholder={secretPlaceholders[name]}
              value={draft[name]}
              error={errors[name]}
              onChange={(value) => onChange({ [name]: value })}
            />
          ))
        : null}
    </div>
  );
}
