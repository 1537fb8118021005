import { CreatePullAgentEnrolmentBody } from '@archnest/contract';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { CopyBlock } from '../../components/ui/copy-block';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { FormAlert } from '../../components/ui/form-alert';
import { SwitchField } from '../../components/ui/switch';
import { useCompletePullAgentEnrolment, useOpenPullAgentEnrolment } from './use-pull-agent-enrolment';

/**
 * Add pull agent: name and address → a one-time token inside two commands → the admin runs one on
 * the host → "Complete enrolment" makes ArchNest connect, exchange proofs and pin both certificates.
 */
export function PullAgentDialog({ onClose }: { onClose: () => void }) {
  const open = useOpenPullAgentEnrolment();
  const complete = useCompletePullAgentEnrolment();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [monitorOnly, setMonitorOnly] = useState(false);
  const [allowExec, setAllowExec] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreatePullAgentEnrolmentBody.safeParse({ name, address, monitorOnly, allowExec });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'form')] ??= issue.message;
      return setErrors(found);
    }
    setErrors({});
    open.mutate(parsed.data);
  };

  const enrolment = open.data;
  const done = complete.data;
  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title="Add pull agent"
      description="A small service on the Docker host; ArchNest connects to it over mutual TLS with pinned certificates."
    >
      {!enrolment ? (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <FormAlert message={open.isError ? describeError(open.error) : null} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Name"
              autoComplete="off"
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.target.value)}
            />
            <TextField
              label="Agent address"
              placeholder="10.0.0.5:7443"
              hint="Where the agent will listen (one address, e.g. the host's mesh address)."
              autoComplete="off"
              className="[&_input]:font-mono"
              value={address}
              error={errors.address}
              onChange={(e) => setAddress(e.target.value)}
            />
          </div>
          <SwitchField
            label="Monitor only"
            description="The agent refuses start, stop and every other change, and exec."
            checked={monitorOnly}
            onCheckedChange={setMonitorOnly}
          />
          <SwitchField
            label="Allow exec"
            description="Interactive shells in containers (sh, bash or ash). Off unless enabled."
            checked={allowExec && !monitorOnly}
            disabled={monitorOnly}
            onCheckedChange={setAllowExec}
          />
          <DialogFooter>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" loading={open.isPending}>
              Create enrolment
            </Button>
          </DialogFooter>
        </form>
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-[0.9rem] text-muted">
            Run one of these on the host. The token inside works once and expires at{' '}
            {new Date(enrolment.expiresAt).toLocaleTimeString()}; it is not shown again.
          </p>
          <CopyBlock label="Install as a service" text={enrolment.installCommand} />
          <CopyBlock label="Run in the foreground" text={enrolment.runCommand} />
          <FormAlert message={complete.isError ? describeError(complete.error) : null} />
          {done ? (
            <dl
              className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-[0.9rem]"
              aria-label="Pinned certificates"
            >
              <dt className="text-muted">Agent certificate</dt>
              <dd className="font-mono break-all">{done.agentFingerprint}</dd>
              <dt className="text-muted">ArchNest client certificate</dt>
              <dd className="font-mono break-all">{done.clientFingerprint}</dd>
              <dt className="text-muted">Mode</dt>
              <dd>
                {done.monitorOnly
                  ? 'Monitor only'
                  : done.execEnabled
                    ? 'Manage and exec'
                    : 'Manage (exec off)'}
              </dd>
            </dl>
          ) : (
            <p className="text-[0.9rem] text-muted">
              Once it runs, complete the enrolment; compare the agent fingerprint shown then with the one it
              printed.
            </p>
          )}
          <DialogFooter>
            {done ? (
              <Button variant="primary" onClick={onClose}>
                Done
              </Button>
            ) : (
              <>
                <Button onClick={onClose}>Cancel</Button>
                <Button
                  variant="primary"
                  loading={complete.isPending}
                  onClick={() => complete.mutate(enrolment.id)}
                >
                  Complete enrolment
                </Button>
              </>
            )}
          </DialogFooter>
        </div>
      )}
    </Dialog>
  );
}
