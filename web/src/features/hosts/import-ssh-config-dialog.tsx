import { ImportHostsBody, type ImportHostEntry, type ImportedHost } from '@archnest/contract';
import { AlertTriangle } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { EmptyState } from '../../components/ui/states';
import { TextareaField } from '../../components/ui/textarea';
import { FormAlert } from '../../components/ui/form-alert';
import { useCredentials } from '../../api/use-credentials';
import { hostErrorMessage } from '../../lib/host-error-message';
import { ImportPreviewTable, initialChoice, type ImportRowChoice } from './import-preview-table';
import { useImportHosts, useImportPreview } from '../../api/use-hosts';

const example = `Host web
  HostName 192.0.2.10
  User deploy
  IdentityFile ~/.ssh/id_ed25519`;

function toEntry(host: ImportedHost, choice: ImportRowChoice): Record<string, unknown> {
  const ownSecrets = choice.credentialId === '';
  const usesKey = choice.authMethod === 'key' || choice.authMethod === 'certificate';
  return {
    alias: host.alias,
    address: host.address,
    port: host.port,
    username: host.username,
    authMethod: choice.authMethod,
    credentialId: ownSecrets ? null : choice.credentialId,
    password: ownSecrets && choice.authMethod === 'password' && choice.password ? choice.password : undefined,
    privateKey: ownSecrets && usesKey && choice.privateKey ? choice.privateKey : undefined,
    passphrase: ownSecrets && usesKey && choice.passphrase ? choice.passphrase : undefined,
    jumpAliases: host.jumpAliases,
  } satisfies Record<keyof ImportHostEntry, unknown>;
}

/** Paste a config, review what was found, then create the chosen hosts in one request (all or none). */
export function ImportSshConfigDialog({ onClose }: { onClose: () => void }) {
  const preview = useImportPreview();
  const importHosts = useImportHosts();
  const credentials = useCredentials();
  const [text, setText] = useState('');
  const [choices, setChoices] = useState<ImportRowChoice[]>([]);
  const [rowErrors, setRowErrors] = useState(new Map<number, string>());
  const found = preview.data;

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    preview.mutate(text, { onSuccess: (data) => setChoices(data.hosts.map(initialChoice)) });
  };

  const selected = found
    ? found.hosts.flatMap((host, index) => (choices[index]?.selected ? [index] : []))
    : [];

  const onImport = () => {
    if (!found) return;
    const parsed = ImportHostsBody.safeParse({
      hosts: selected.map((index) => toEntry(found.hosts[index]!, choices[index]!)),
    });
    if (!parsed.success) {
      const errors = new Map<number, string>();
      for (const issue of parsed.error.issues) {
        const position = issue.path[1];
        const row = typeof position === 'number' ? selected[position] : undefined;
        if (row !== undefined && !errors.has(row))
          errors.set(row, `${String(issue.path[2] ?? '')}: ${issue.message}`);
      }
      return setRowErrors(errors);
    }
    setRowErrors(new Map());
    importHosts.mutate(parsed.data, { onSuccess: onClose });
  };

  return (
    <Dialog
      open
      size="xl"
      onOpenChange={(open) => !open && onClose()}
      title="Import from ~/.ssh/config"
      description="Nothing is saved until you confirm the hosts to import."
    >
      {!found ? (
        <form onSubmit={onPreview} className="flex flex-col gap-4">
          <FormAlert message={preview.isError ? hostErrorMessage(preview.error) : null} />
          <TextareaField
            label="Config text"
            rows={12}
            placeholder={example}
            value={text}
            onChange={(e) => setText(e.target.value)}
            hint="Paste the contents of ~/.ssh/config. Keys are not read from disk: you paste the ones you need next."
          />
          <DialogFooter>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" loading={preview.isPending} disabled={text.trim() === ''}>
              Preview
            </Button>
          </DialogFooter>
        </form>
      ) : (
        <div className="flex flex-col gap-4">
          {found.warnings.map((warning) => (
            <p key={warning} className="flex items-center gap-1.5 text-[0.88rem] text-warning">
              <AlertTriangle aria-hidden size={15} />
              {warning}
            </p>
          ))}
          <FormAlert message={importHosts.isError ? hostErrorMessage(importHosts.error) : null} />
          {found.hosts.length === 0 ? (
            <EmptyState
              title="No hosts found"
              description="The text has no Host blocks with a concrete name."
            />
          ) : (
            <div className="rounded-ui border border-border">
              <ImportPreviewTable
                hosts={found.hosts}
                choices={choices}
                credentials={credentials.data ?? []}
                rowErrors={rowErrors}
                onChange={(index, patch) =>
                  setChoices((old) =>
                    old.map((choice, i) => (i === index ? { ...choice, ...patch } : choice)),
                  )
                }
              />
            </div>
          )}
          <DialogFooter>
            <Button onClick={() => preview.reset()}>Back</Button>
            <Button
              variant="primary"
              loading={importHosts.isPending}
              disabled={selected.length === 0}
              onClick={onImport}
            >
              {selected.length === 1 ? 'Import 1 host' : `Import ${selected.length} hosts`}
            </Button>
          </DialogFooter>
        </div>
      )}
    </Dialog>
  );
}
