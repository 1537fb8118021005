import type { Integration, IntegrationTestResult } from '@archnest/contract';
import { CheckCircle2, CircleDashed, PinIcon, RotateCw, XCircle } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { cn } from '../../lib/cn';
import { PresentedCertificateDetails } from './presented-certificate';
import { usePinCertificate, useTestIntegration } from './use-integrations';

/** The outcome in plain words, as the server phrased it. */
function Outcome({ result }: { result: IntegrationTestResult }) {
  const Icon = result.ok ? CheckCircle2 : XCircle;
  const facts = [
    result.resourceCount !== null ? `${result.resourceCount} resources` : null,
    `${Math.round(result.durationMs)} ms`,
    result.errorCode,
  ].filter(Boolean);
  return (
    <div
      role="status"
      className={cn(
        'flex items-start gap-2 rounded-ui-sm border px-3 py-2 text-[0.9rem]',
        result.ok
          ? 'border-success/35 bg-success/10 text-success'
          : 'border-danger/35 bg-danger/10 text-danger',
      )}
    >
      <Icon aria-hidden size={16} className="mt-0.5 shrink-0" />
      <div className="min-w-0">
        <p className="font-medium">{result.ok ? 'Connected' : 'Connection failed'}</p>
        <p className="opacity-90">{result.message}</p>
        <p className="text-[0.82rem] opacity-80">{facts.join(' · ')}</p>
      </div>
    </div>
  );
}

const pinnable = new Set(['tls_untrusted', 'tls_pin_mismatch']);

interface IntegrationTestDialogProps {
  integration: Integration;
  onClose: () => void;
}

/** Tests as soon as it opens; an untrusted certificate can be pinned here and tested again. */
export function IntegrationTestDialog({ integration, onClose }: IntegrationTestDialogProps) {
  const test = useTestIntegration();
  const pin = usePinCertificate();
  const started = useRef(false);
  const { mutate } = test;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate(integration.id);
  }, [mutate, integration.id]);

  const result = test.data;
  const certificate = result?.certificate ?? null;
  const offerPin = result && !result.ok && certificate && pinnable.has(result.errorCode ?? '');
  const pinAndRetest = (sha256: string) =>
    pin.mutate({ id: integration.id, sha256 }, { onSuccess: () => test.mutate(integration.id) });

  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => !open && onClose()}
      title={`Test ${integration.name}`}
      description="ArchNest connects once with the saved settings and reports what happened."
    >
      <div className="flex flex-col gap-4">
        {test.isPending ? (
          <p role="status" className="flex items-center gap-1.5 text-muted">
            <CircleDashed aria-hidden size={15} className="animate-spin" />
            Testing…
          </p>
        ) : null}
        {test.isError ? (
          <p role="alert" className="text-danger">
            The test could not run: {describeError(test.error)}
          </p>
        ) : null}
        {result && !test.isPending ? <Outcome result={result} /> : null}
        {certificate && !test.isPending ? (
          <div className="flex flex-col gap-3 rounded-ui border border-border p-3">
            <p className="font-medium">
              {offerPin ? 'The server presented this certificate' : 'Certificate'}
            </p>
            {result?.errorCode === 'tls_pin_mismatch' ? (
              <p className="text-[0.9rem] text-danger">
                It differs from the pinned one. Pin it only if you know the certificate was replaced.
              </p>
            ) : null}
            <PresentedCertificateDetails certificate={certificate} />
            {offerPin ? (
              <div>
                <Button
                  variant="primary"
                  loading={pin.isPending}
                  onClick={() => pinAndRetest(certificate.sha256)}
                >
                  <PinIcon aria-hidden size={15} />
                  Pin this certificate
                </Button>
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
      <DialogFooter>
        <Button onClick={() => test.mutate(integration.id)} disabled={test.isPending || pin.isPending}>
          <RotateCw aria-hidden size={15} />
          Test again
        </Button>
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
