import {
  CreateCredentialBody,
  CredentialKind,
  UpdateCredentialBody,
  type Credential,
} from '@archnest/contract';
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { SelectField } from '../../components/ui/select-field';
import { FormAlert } from '../../components/ui/form-alert';
import { hostErrorMessage } from '../../lib/host-error-message';
import { authMethodLabels, secretsFor, type SecretName } from '../../components/hosts/host-form-state';
import { emptySecret, SecretField, secretPatch, type SecretDraft } from '../../components/ui/secret-field';
import { useSaveCredential } from '../../api/use-credentials';

const labels: Record<SecretName, string> = {
  password: 'Password',
  privateKey: 'Private key',
  passphrase: 'Key passphrase',
  certificate: 'Certificate',
};
const flags = {
  password: 'hasPassword',
  privateKey: 'hasPrivateKey',
  passphrase: 'hasPassphrase',
  certificate: 'hasCertificate',
} as const satisfies Record<SecretName, keyof Credential>;

export function CredentialFormDialog({
  credential,
  onClose,
}: {
  credential: Credential | null;
  onClose: () => void;
}) {
  const save = useSaveCredential();
  const [name, setName] = useState(credential?.name ?? '');
  const [kind, setKind] = useState<CredentialKind>(credential?.kind ?? 'password');
  const [secrets, setSecrets] = useState<Record<SecretName, SecretDraft>>({
    password: emptySecret,
    privateKey: emptySecret,
    passphrase: emptySecret,
    certificate: emptySecret,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const patch: Record<string, string | null> = {};
    for (const secret of secretsFor[kind]) {
      const value = secretPatch(secrets[secret]);
      if (value !== undefined) patch[secret] = value;
    }
    setErrors({});
    const fail = (issues: { path: PropertyKey[]; message: string }[]) => {
      const next: Record<string, string> = {};
      for (const issue of issues) next[String(issue.path[0] ?? 'form')] ??= issue.message;
      setErrors(next);
    };
    if (credential) {
      const parsed = UpdateCredentialBody.safeParse({ name, ...patch });
      if (!parsed.success) return fail(parsed.error.issues);
      save.mutate({ id: credential.id, body: parsed.data }, { onSuccess: onClose });
    } else {
      const parsed = CreateCredentialBody.safeParse({ name, kind, ...patch });
      if (!parsed.success) return fail(parsed.error.issues);
      save.mutate({ id: null, body: parsed.data }, { onSuccess: onClose });
    }
  };

  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => !open && onClose()}
      title={credential ? `Edit ${credential.name}` : 'New credential'}
      description="One secret many hosts can share; changing it here changes it for all of them."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormAlert message={errors.form ?? (save.isError ? hostErrorMessage(save.error) : null)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            autoComplete="off"
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.target.value)}
          />
          <SelectField
            label="Kind"
            value={kind}
            disabled={credential !== null}
            hint={credential ? 'The kind is fixed once created.' : undefined}
            onChange={(e) => setKind(CredentialKind.parse(e.target.value))}
          >
            {CredentialKind.options.map((option) => (
              <option key={option} value={option}>
                {authMethodLabels[option]}
              </option>
            ))}
          </SelectField>
        </div>
        {secretsFor[kind].map((secret) => (
          <SecretField
            key={secret}
            label={labels[secret]}
            isSet={credential ? credential[flags[secret]] : false}
            multiline={secret === 'privateKey' || secret === 'certificate'}
            value={secrets[secret]}
            error={errors[secret]}
            onChange={(value) => setSecrets((old) => ({ ...old, [secret]: value }))}
          />
        ))}
        <DialogFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={save.isPending}>
            {credential ? 'Save credential' : 'Create credential'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
