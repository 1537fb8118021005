import type { Host, TestConnectionResult } from '@archnest/contract';
import { CheckCircle2, CircleDashed, KeyRound, XCircle } from 'lucide-react';
import { useEffect } from 'react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { FormAlert } from '../../components/ui/form-alert';
import { Fingerprint, HostKeyChallengeDetails } from '../../components/ui/fingerprint';
import { connectionVerdict, isFirstContact, type VerdictTone } from './connection-verdict';
import { hostErrorMessage } from '../../lib/host-error-message';
import { useTestHost, useTrustHostKey } from '../../api/use-hosts';

const verdictStyle: Record<VerdictTone, string> = {
  success: 'border-success/35 bg-success/10 text-success',
  neutral: 'border-border bg-surface-2 text-fg',
  danger: 'border-danger/35 bg-danger/10 text-danger',
};

/** `awaiting` is the hop whose new host key waits for the user: it reads as a question, not a failure. */
function HopList({ hops, awaiting }: { hops: TestConnectionResult['hops']; awaiting: number | null }) {
  return (
    <ol aria-label="Hops" className="flex flex-col gap-1.5">
      {hops.map((hop, index) => {
        const pending = awaiting === index;
        return (
          <li
            key={`${hop.address}:${hop.port}:${index}`}
            className="flex flex-col gap-1 rounded-ui-sm border border-border px-3 py-2"
          >
            <div className="flex items-center gap-2">
              {hop.ok ? (
                <CheckCircle2 aria-hidden size={16} className="text-success" />
              ) : pending ? (
                <KeyRound aria-hidden size={16} className="text-muted" />
              ) : (
                <XCircle aria-hidden size={16} className="text-danger" />
              )}
              <span className="font-medium">{hop.hostName}</span>
              <span className="font-mono text-[0.82rem] text-muted">
                {hop.address}:{hop.port}
              </span>
              <Badge tone={hop.ok ? 'success' : pending ? 'neutral' : 'danger'} className="ml-auto">
                {hop.ok ? 'ok' : pending ? 'new host key' : 'failed'}
              </Badge>
            </div>
            {hop.fingerprint ? (
              <div className="pl-6 text-[0.85rem]">
                <Fingerprint value={hop.fingerprint} label={`Fingerprint of ${hop.hostName}`} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

export function TestConnectionDialog({ host, onClose }: { host: Host; onClose: () => void }) {
  const test = useTestHost();
  const trust = useTrustHostKey();
  const { mutate } = test;
  const result = test.data;
  const challenge = result?.hostKeyChallenge ?? null;
  const verdict = result ? connectionVerdict(result) : null;
  const awaiting = result && challenge && isFirstContact(result) ? challenge.hop : null;

  useEffect(() => mutate(host.id), [mutate, host.id]);

  const accept = () => {
    if (!challenge) return;
    trust.mutate(challenge.challengeId, { onSuccess: () => test.mutate(host.id) });
  };

  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => !open && onClose()}
      title={`Test connection to ${host.name}`}
      description={`${host.username}@${host.address}:${host.port}`}
    >
      <div className="flex flex-col gap-4" aria-live="polite">
        {test.isPending ? (
          <p role="status" className="flex items-center gap-2 text-muted">
            <CircleDashed aria-hidden size={16} className="animate-spin" />
            Connecting through every hop…
          </p>
        ) : null}
        <FormAlert message={test.isError ? hostErrorMessage(test.error) : null} />
        {result && verdict && !test.isPending ? (
          <>
            <div
              role="status"
              data-tone={verdict.tone}
              className={`flex items-start gap-2 rounded-ui-sm border px-3 py-2 ${verdictStyle[verdict.tone]}`}
            >
              {verdict.tone === 'success' ? (
                <CheckCircle2 aria-hidden size={18} className="mt-0.5 shrink-0" />
              ) : verdict.tone === 'neutral' ? (
                <KeyRound aria-hidden size={18} className="mt-0.5 shrink-0" />
              ) : (
                <XCircle aria-hidden size={18} className="mt-0.5 shrink-0" />
              )}
              <div>
                <p className="font-medium">{verdict.title}</p>
                <p className="text-[0.88rem] opacity-90">
                  {result.message} · {Math.round(result.durationMs)} ms
                </p>
              </div>
            </div>
            {result.hops.length > 0 ? <HopList hops={result.hops} awaiting={awaiting} /> : null}
            {challenge ? (
              <div className="flex flex-col gap-3 rounded-ui border border-border p-3">
                <HostKeyChallengeDetails challenge={challenge} />
                <div className="flex justify-end">
                  <Button
                    variant={challenge.reason === 'changed' ? 'danger' : 'primary'}
                    loading={trust.isPending}
                    onClick={accept}
                  >
                    {challenge.reason === 'changed' ? 'Replace with new fingerprint' : 'Accept fingerprint'}
                  </Button>
                </div>
              </div>
            ) : null}
          </>
        ) : null}
      </div>
      <DialogFooter>
        <Button onClick={() => test.mutate(host.id)} disabled={test.isPending}>
          Test again
        </Button>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
