import { AgentHostLabel, type IssuedAgentToken } from '@archnest/contract';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { FormAlert } from '../../components/ui/form-alert';
import { installCommand } from '../../lib/agent-format';
import { CopyBlock } from '../../components/ui/copy-block';
import { useIssueAgentToken } from '../../api/use-agents';

function Issued({ issued, onDone }: { issued: IssuedAgentToken; onDone: () => void }) {
  const origin = window.location.origin;
  return (
    <div className="flex flex-col gap-4">
      <p className="rounded-ui-sm border border-warning/35 bg-warning/10 px-3 py-2 text-[0.9rem] text-warning">
        This is the only time the token is shown. ArchNest keeps only its hash.
      </p>
      <CopyBlock label="Token" text={issued.token} />
      <CopyBlock label="Install command" text={installCommand(origin, issued.hostLabel, issued.token)} />
      <p className="text-[0.85rem] text-muted">
        Run it on {issued.hostLabel} (it needs Docker, curl and jq). The installer fetches the agent from this
        ArchNest, writes /etc/archnest-agent.env (mode 0600) and a systemd timer, and sends a first report.
        The token travels on stdin, never in a URL or on a command line.
      </p>
      <DialogFooter>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}

export function IssueTokenDialog({ onClose }: { onClose: () => void }) {
  const issue = useIssueAgentToken();
  const [label, setLabel] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = AgentHostLabel.safeParse(label.trim());
    if (!parsed.success) return setLocalError(parsed.error.issues[0]?.message ?? 'Check the host label.');
    setLocalError(null);
    issue.mutate(parsed.data);
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={issue.data ? `Token for ${issue.data.hostLabel}` : 'New agent token'}
      description={
        issue.data ? undefined : 'A token that may report for one host only. Revoke it here at any time.'
      }
      size="lg"
    >
      {issue.data ? (
        <Issued issued={issue.data} onDone={onClose} />
      ) : (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <FormAlert message={localError ?? (issue.isError ? describeError(issue.error) : null)} />
          <TextField
            label="Host label"
            autoComplete="off"
            placeholder="web-1"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            hint="How the host appears in ArchNest; the agent reports under this name."
          />
          <DialogFooter>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" loading={issue.isPending}>
              Issue token
            </Button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}
