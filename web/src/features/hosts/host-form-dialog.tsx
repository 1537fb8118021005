import type { Host } from '@archnest/contract';
import { AlertTriangle } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { SwitchField } from '../../components/ui/switch';
import { TextareaField } from '../../components/ui/textarea';
import { FormAlert } from '../../components/ui/form-alert';
import { useCredentials } from '../../api/use-credentials';
import { hostErrorMessage } from '../../lib/host-error-message';
import { HostAccessFields } from './host-access-fields';
import { HostAuthFields } from './host-auth-fields';
import {
  buildCreateBody,
  buildUpdateBody,
  draftFromHost,
  type HostDraft,
} from '../../components/hosts/host-form-state';
import { JumpChainPicker } from './jump-chain-picker';
import { useSaveHost } from '../../api/use-hosts';

interface HostFormDialogProps {
  /** null adds a new host. Mounted only while open, so the form starts from this host each time. */
  host: Host | null;
  hosts: Host[];
  onClose: () => void;
}

export function HostFormDialog({ host, hosts, onClose }: HostFormDialogProps) {
  const save = useSaveHost();
  const credentials = useCredentials();
  const [draft, setDraft] = useState<HostDraft>(() => draftFromHost(host));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const patch = (change: Partial<HostDraft>) => setDraft((old) => ({ ...old, ...change }));
  const text = (key: 'name' | 'address' | 'port' | 'username' | 'folder' | 'tags') => ({
    value: draft[key],
    error: errors[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => patch({ [key]: e.target.value }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const built = host ? buildUpdateBody(draft) : buildCreateBody(draft);
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    const input = host ? { id: host.id, body: built.body } : { id: null, body: built.body };
    save.mutate(input as Parameters<typeof save.mutate>[0], { onSuccess: onClose });
  };

  const formError = errors.form ?? (save.isError ? hostErrorMessage(save.error) : null);
  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => !open && onClose()}
      title={host ? `Edit ${host.name}` : 'Add host'}
      description="Secrets are encrypted on the server and never sent back to the browser."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormAlert message={formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" autoComplete="off" {...text('name')} />
          <TextField label="Folder" placeholder="e.g. Homelab" autoComplete="off" {...text('folder')} />
          <TextField
            label="Address"
            placeholder="server.lan or 192.0.2.10"
            autoComplete="off"
            className="sm:col-span-1"
            {...text('address')}
          />
          <div className="grid grid-cols-[1fr_6rem] gap-3">
            <TextField label="Username" autoComplete="off" {...text('username')} />
            <TextField label="Port" inputMode="numeric" autoComplete="off" {...text('port')} />
          </div>
        </div>
        <TextField label="Tags" hint="Separate with commas." autoComplete="off" {...text('tags')} />
        <HostAuthFields
          draft={draft}
          host={host}
          credentials={credentials.data ?? []}
          errors={errors}
          onChange={patch}
        />
        <HostAccessFields draft={draft} error={errors.allowedUserIds} onChange={patch} />
        <JumpChainPicker
          candidates={hosts.filter((other) => other.id !== host?.id && other.authMethod !== 'per-user')}
          value={draft.jumpHostIds}
          onChange={(jumpHostIds) => patch({ jumpHostIds })}
          error={errors.jumpHostIds}
        />
        <SwitchField
          label="Legacy algorithms"
          description="Allow old key exchanges and ciphers (SHA-1, CBC) for devices that cannot do better."
          checked={draft.legacyAlgorithms}
          onCheckedChange={(legacyAlgorithms) => patch({ legacyAlgorithms })}
        />
        {draft.legacyAlgorithms ? (
          <p
            role="note"
            className="flex items-start gap-2 rounded-ui-sm border border-warning/35 bg-warning/10 px-3 py-2 text-[0.88rem] text-warning"
          >
            <AlertTriangle aria-hidden size={16} className="mt-0.5 shrink-0" />
            These algorithms are weak. Use them only for equipment that cannot be upgraded, on a trusted
            network.
          </p>
        ) : null}
        <TextareaField
          label="Notes"
          className="[&_textarea]:font-sans"
          rows={2}
          value={draft.notes}
          error={errors.notes}
          onChange={(e) => patch({ notes: e.target.value })}
        />
        <DialogFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={save.isPending}>
            {host ? 'Save host' : 'Add host'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
