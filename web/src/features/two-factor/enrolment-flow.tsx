import { endpoints, TotpCode, type TwoFactorEnrolment } from '@archnest/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { FormAlert } from '../../components/ui/form-alert';
import { QrCode } from '../../components/ui/qr-code';
import { RecoveryCodesList } from './recovery-codes-list';

/** Start → scan (or type the secret) → confirm with a code → recovery codes, shown once. */
export function EnrolmentFlow({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const start = useMutation({
    mutationFn: () => callApi(endpoints.twoFactorStartEnrolment),
    onSuccess: (data) => {
      setEnrolment(data);
      setCode('');
    },
    onError: (error) => toast.error(`Could not start: ${describeError(error)}`),
  });
  const confirm = useMutation({
    mutationFn: (value: string) => callApi(endpoints.twoFactorConfirmEnrolment, { body: { code: value } }),
    onSuccess: ({ recoveryCodes: codes }) => {
      setEnrolment(null);
      setRecoveryCodes(codes);
      toast.success('Two-factor sign-in is on');
    },
  });

  if (recoveryCodes) {
    return (
      <RecoveryCodesList
        codes={recoveryCodes}
        onDone={() => {
          setRecoveryCodes(null);
          void queryClient.invalidateQueries({ queryKey: queryKeys.twoFactor });
          onDone();
        }}
      />
    );
  }

  if (!enrolment) {
    return (
      <div>
        <Button variant="primary" loading={start.isPending} onClick={() => start.mutate()}>
          <ShieldCheck aria-hidden size={16} />
          Set up two-factor sign-in
        </Button>
      </div>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = TotpCode.safeParse(code);
    if (!parsed.success) return setLocalError(parsed.error.issues[0]?.message ?? 'Enter the code.');
    setLocalError(null);
    confirm.mutate(parsed.data);
  };
  const error = localError ?? (confirm.isError ? describeError(confirm.error) : null);

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      <p className="text-[0.9rem]">
        Scan the QR code with an authenticator app (Aegis, Google Authenticator, 1Password, …), or type the
        secret key into it. Then enter the 6-digit code it shows.
      </p>
      <div className="flex flex-wrap items-start gap-5">
        <QrCode text={enrolment.uri} label="QR code for your authenticator app" />
        <dl className="flex min-w-0 flex-1 flex-col gap-3 text-[0.9rem]">
          <div>
            <dt className="font-medium">Secret key</dt>
            <dd data-testid="two-factor-secret" className="font-mono break-all select-all">
              {enrolment.secret}
            </dd>
          </div>
          <div>
            <dt className="font-medium">Setup link</dt>
            <dd
              data-testid="two-factor-uri"
              className="font-mono text-[0.8rem] break-all text-muted select-all"
            >
              {enrolment.uri}
            </dd>
          </div>
        </dl>
      </div>
      <FormAlert message={error} />
      <TextField
        label="Code from your app"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        className="max-w-48"
      />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" loading={confirm.isPending}>
          Turn on two-factor
        </Button>
        <Button type="button" variant="ghost" onClick={() => setEnrolment(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
