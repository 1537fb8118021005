import { ChannelKind, type CreateChannelBody } from '@archnest/contract';
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { SelectField } from '../../components/ui/select-field';
import { TextareaField } from '../../components/ui/textarea';
import { describeError } from '../../api/api-error';
import { channelBodyParts, channelFields, channelKindLabels } from './channel-fields';
import { useCreateChannel } from './use-alerts';

function errorText(error: unknown): string {
  return describeError(error);
}

/** Adds a channel field by field, or from one Shoutrrr-style URL. Secrets are write-only. */
export function ChannelFormDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateChannel();
  const [mode, setMode] = useState<'fields' | 'url'>('fields');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ChannelKind>('webhook');
  const [values, setValues] = useState<Record<string, string>>({});
  const [url, setUrl] = useState('');
  const [signingSecret, setSigningSecret] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: CreateChannelBody =
      mode === 'url'
        ? { name, url, ...(signingSecret ? { signingSecret } : {}) }
        : ({ name, kind, ...channelBodyParts(kind, values) } as CreateChannelBody);
    create.mutate(body, { onSuccess: onClose });
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title="New channel" size="lg">
      <form onSubmit={submit} className="flex flex-col gap-4">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
        <SelectField
          label="Enter as"
          value={mode}
          onChange={(e) => setMode(e.target.value as 'fields' | 'url')}
        >
          <option value="fields">Fields</option>
          <option value="url">
            Service URL (ntfy://, gotify://, discord://, slack://, telegram://, smtp://, generic+https://)
          </option>
        </SelectField>
        {mode === 'url' ? (
          <>
            <TextField label="Service URL" value={url} onChange={(e) => setUrl(e.target.value)} required />
            <TextField
              label="Signing secret (generic webhooks only)"
              value={signingSecret}
              onChange={(e) => setSigningSecret(e.target.value)}
            />
          </>
        ) : (
          <>
            <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)}>
              {ChannelKind.options.map((k) => (
                <option key={k} value={k}>
                  {channelKindLabels[k]}
                </option>
              ))}
            </SelectField>
            {channelFields[kind].map((field) => {
              const common = {
                label: field.label + (field.required ? '' : ' (optional)'),
                value: values[field.name] ?? '',
                required: field.required,
              };
              const change = (value: string) => setValues((v) => ({ ...v, [field.name]: value }));
              if (field.type === 'select') {
                return (
                  <SelectField key={field.name} {...common} onChange={(e) => change(e.target.value)}>
                    <option value="">Choose…</option>
                    {field.options?.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </SelectField>
                );
              }
              if (field.type === 'textarea') {
                return (
                  <TextareaField key={field.name} {...common} onChange={(e) => change(e.target.value)} />
                );
              }
              return (
                <TextField
                  key={field.name}
                  {...common}
                  type={field.secret ? 'password' : 'text'}
                  autoComplete="off"
                  placeholder={field.placeholder}
                  onChange={(e) => change(e.target.value)}
                />
              );
            })}
          </>
        )}
        {create.isError ? (
          <p role="alert" className="text-danger">
            {errorText(create.error)}
          </p>
        ) : null}
        <DialogFooter>
          <Button type="button" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Add channel
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
