import type { DockerHost } from '@archnest/contract';
import { PlugZap } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { SelectField } from '../../components/ui/select-field';
import { FormAlert } from '../../components/ui/form-alert';
import { SecretField } from '../../components/ui/secret-field';
import { useHosts } from '../../api/use-hosts';
import {
  buildCreateBody,
  buildUpdateBody,
  draftFromDockerHost,
  kindLabels,
  type DockerHostDraft,
} from './docker-host-form-state';
import { DockerHostTestOutcome } from './docker-host-test-result';
import { useSaveDockerHost, useTestDockerHost } from '../../api/use-docker-hosts';

interface DockerHostFormDialogProps {
  /** null adds a new host. Mounted only while open, so the form starts from this host each time. */
  host: DockerHost | null;
  onClose: () => void;
}

export function DockerHostFormDialog({ host, onClose }: DockerHostFormDialogProps) {
  const save = useSaveDockerHost();
  const test = useTestDockerHost();
  const sshHosts = useHosts();
  const [draft, setDraft] = useState<DockerHostDraft>(() => draftFromDockerHost(host));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const patch = (change: Partial<DockerHostDraft>) => setDraft((old) => ({ ...old, ...change }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const built = host ? buildUpdateBody(draft) : buildCreateBody(draft);
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    const input = host ? { id: host.id, body: built.body } : { id: null, body: built.body };
    save.mutate(input as Parameters<typeof save.mutate>[0], { onSuccess: onClose });
  };

  const formError = errors.form ?? (save.isError ? describeError(save.error) : null);
  const engine = draft.kind === 'engine-api';
  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => !open && onClose()}
      title={host ? `Edit ${host.name}` : 'Add Docker host'}
      description="Certificates and keys are encrypted on the server and never sent back to the browser."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormAlert message={formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            autoComplete="off"
            value={draft.name}
            error={errors.name}
            onChange={(e) => patch({ name: e.target.value })}
          />
          <SelectField
            label="Kind"
            value={draft.kind}
            disabled={host !== null}
            hint={host ? 'The kind of a saved host cannot change.' : undefined}
            onChange={(e) => patch({ kind: e.target.value as DockerHostDraft['kind'] })}
          >
            {Object.entries(kindLabels)
              .filter(([value]) => value !== 'pull-agent' || host?.kind === 'pull-agent')
              .map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
          </SelectField>
        </div>
        {engine ? (
          <>
            <TextField
              label="Endpoint"
              placeholder="unix:///var/run/docker.sock or tcp://host:2376"
              autoComplete="off"
              className="[&_input]:font-mono"
              value={draft.endpoint}
              error={errors.endpoint}
              onChange={(e) => patch({ endpoint: e.target.value })}
            />
            <details
              open={Boolean(
                host?.hasCa ||
                host?.hasClientCert ||
                host?.hasClientKey ||
                errors.ca ||
                errors.clientCert ||
                errors.clientKey,
              )}
              className="group rounded-ui border border-border px-3 py-2 [&[open]]:pb-3"
            >
              <summary className="cursor-pointer font-medium select-none">
                TLS <span className="font-normal text-muted">(optional, for tcp:// endpoints)</span>
              </summary>
              <div className="mt-3 flex flex-col gap-4">
                <p className="text-[0.85rem] text-muted">
                  Paste PEM text: the CA verifies the daemon, the client certificate and key sign in.
                </p>
                <SecretField
                  label="CA certificate"
                  multiline
                  isSet={host?.hasCa ?? false}
                  placeholder="-----BEGIN CERTIFICATE-----"
                  value={draft.ca}
                  error={errors.ca}
                  onChange={(ca) => patch({ ca })}
                />
                <SecretField
                  label="Client certificate"
                  multiline
                  isSet={host?.hasClientCert ?? false}
                  placeholder="-----BEGIN CERTIFICATE-----"
                  value={draft.clientCert}
                  error={errors.clientCert}
                  onChange={(clientCert) => patch({ clientCert })}
                />
                <SecretField
                  label="Client key"
                  multiline
                  isSet={host?.hasClientKey ?? false}
                  placeholder="-----BEGIN PRIVATE KEY-----"
                  value={draft.clientKey}
                  error={errors.clientKey}
                  onChange={(clientKey) => patch({ clientKey })}
                />
              </div>
            </details>
          </>
        ) : null}
        {draft.kind === 'ssh' ? (
          <>
            <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
              <SelectField
                label="SSH host"
                value={draft.sshHostId}
                error={errors.sshHostId}
                hint={
                  sshHosts.isSuccess && sshHosts.data.length === 0
                    ? 'Add the machine under Settings › Hosts first.'
                    : 'The docker or podman CLI runs there over SSH.'
                }
                onChange={(e) => patch({ sshHostId: e.target.value })}
              >
                <option value="">{sshHosts.isPending ? 'Loading hosts…' : 'Choose a host'}</option>
                {(sshHosts.data ?? []).map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name} ({item.username}@{item.address})
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="CLI"
                value={draft.cli}
                onChange={(e) => patch({ cli: e.target.value as DockerHostDraft['cli'] })}
              >
                <option value="docker">docker</option>
                <option value="podman">podman</option>
              </SelectField>
            </div>
            <TextField
              label="Remote Docker socket"
              placeholder="unix:///run/user/1000/docker.sock"
              hint="Optional: for rootless Docker or Podman's socket. Empty uses the CLI's default."
              autoComplete="off"
              className="[&_input]:font-mono"
              value={draft.remoteDockerHost}
              error={errors.remoteDockerHost}
              onChange={(e) => patch({ remoteDockerHost: e.target.value })}
            />
          </>
        ) : null}
        {draft.kind === 'pull-agent' ? (
          <p className="text-[0.9rem] text-muted">
            Enrolled at <span className="font-mono">{host?.endpoint?.replace('pull-agent://', '')}</span>. Its
            address and pinned certificates cannot change: remove it and add the agent again to move it.
          </p>
        ) : null}
        {host ? (
          <div className="flex flex-col gap-2 rounded-ui border border-border p-3">
            <div className="flex items-center justify-between gap-3">
              <p className="text-[0.9rem] text-muted">Tests the saved settings of this host.</p>
              <Button size="sm" onClick={() => test.mutate(host.id)} loading={test.isPending}>
                <PlugZap aria-hidden size={15} />
                Test
              </Button>
            </div>
            <DockerHostTestOutcome pending={test.isPending} result={test.data} error={test.error} />
          </div>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={save.isPending}>
            {host ? 'Save Docker host' : 'Add Docker host'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
