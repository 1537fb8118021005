import { ApiKeyScope, CreateApiKeyBody, type CreatedApiKey } from '@archnest/contract';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { CopyBlock } from '../../components/ui/copy-block';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { SelectField } from '../../components/ui/select-field';
import { useCreateApiKey } from './use-api-keys';

const EXPIRY_CHOICES = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
] as const;

function Created({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const example = `curl -H "Authorization: Bearer ${created.key}" ${window.location.origin}/api/auth/me`;
  return (
    <div className="flex flex-col gap-4">
      <p className="rounded-ui-sm border border-warning/35 bg-warning/10 px-3 py-2 text-[0.9rem] text-warning">
        This is the only time the key is shown. ArchNest keeps only its hash: copy it now.
      </p>
      <CopyBlock label="API key" text={created.key} />
      <CopyBlock label="Example request" text={example} />
      <p className="text-[0.85rem] text-muted">
        Send it as an <code>Authorization: Bearer</code> header, never in a URL.{' '}
        {created.scope === 'read'
          ? 'This key is read-only: it may make GET requests only.'
          : 'This key may do everything your account may, except manage keys, sessions or your password.'}
      </p>
      <DialogFooter>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}

export function CreateApiKeyDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('read');
  const [expiry, setExpiry] = useState<string>('90');
  const [localError, setLocalError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateApiKeyBody.safeParse({
      name,
      scope,
      expiresInDays: expiry === 'never' ? null : Number(expiry),
    });
    if (!parsed.success) return setLocalError(parsed.error.issues[0]?.message ?? 'Check the form.');
    setLocalError(null);
    create.mutate(parsed.data);
  };
  const error = localError ?? (create.isError ? describeError(create.error) : null);

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={create.data ? `API key “${create.data.name}”` : 'New API key'}
      description={create.data ? undefined : 'For scripts and tools that call the ArchNest API as you.'}
      size="lg"
    >
      {create.data ? (
        <Created created={create.data} onDone={onClose} />
      ) : (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {error ? (
            <p
              role="alert"
              className="rounded-ui-sm border border-danger/35 bg-danger/10 px-3 py-2 text-danger"
            >
              {error}
            </p>
          ) : null}
          <TextField
            label="Name"
            autoComplete="off"
            placeholder="backup script"
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.target.value)}
            hint="What uses this key, so you can tell keys apart later."
          />
          <SelectField
            label="Scope"
            value={scope}
            onChange={(e) => setScope(ApiKeyScope.parse(e.target.value))}
          >
            <option value="read">Read-only (GET requests only)</option>
            <option value="full">Full access (everything you may do)</option>
          </SelectField>
          <SelectField label="Expires after" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </SelectField>
          <DialogFooter>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" loading={create.isPending}>
              Create key
            </Button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}
