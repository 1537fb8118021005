import { endpoints, RecoveryCode, TotpCode } from '@archnest/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { KeyRound, ShieldOff } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { FormAlert } from '../../components/ui/form-alert';
import { RecoveryCodesList } from './recovery-codes-list';

type Panel = 'none' | 'regenerate' | 'disable';

/** With two-factor on: new recovery codes (password), or turning it off (password and a code). */
export function ManageTwoFactor({ remaining, required }: { remaining: number; required: boolean }) {
  const queryClient = useQueryClient();
  const [panel, setPanel] = useState<Panel>('none');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.twoFactor });
  const open = (next: Panel) => {
    setPanel(next);
    setPassword('');
    setCode('');
    setLocalError(null);
    regenerate.reset();
    disable.reset();
  };

  const regenerate = useMutation({
    mutationFn: () => callApi(endpoints.twoFactorRegenerateRecoveryCodes, { body: { password } }),
    onSuccess: ({ recoveryCodes }) => {
      setCodes(recoveryCodes);
      setPanel('none');
      refresh();
    },
  });
  const disable = useMutation({
    mutationFn: (proof: { code: string } | { recoveryCode: string }) =>
      callApi(endpoints.twoFactorDisable, { body: { password, ...proof } }),
    onSuccess: () => {
      toast.success('Two-factor sign-in is off');
      setPanel('none');
      refresh();
    },
  });

  if (codes) return <RecoveryCodesList codes={codes} onDone={() => setCodes(null)} />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setLocalError('Enter your password.');
    if (panel === 'regenerate') {
      setLocalError(null);
      return regenerate.mutate();
    }
    const totp = TotpCode.safeParse(code);
    const recovery = RecoveryCode.safeParse(code);
    if (!totp.success && !recovery.success)
      return setLocalError('Enter the 6-digit code from your app, or one of your recovery codes.');
    setLocalError(null);
    disable.mutate(totp.success ? { code: totp.data } : { recoveryCode: recovery.data ?? '' });
  };
  const failed = panel === 'regenerate' ? regenerate : disable;
  const error = localError ?? (failed.isError ? describeError(failed.error) : null);

  return (
    <div className="flex flex-col gap-4">
      <p className="text-[0.9rem]">
        Two-factor sign-in is <strong>on</strong>. {remaining} of 10 recovery codes left.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => open('regenerate')}>
          <KeyRound aria-hidden size={16} />
          New recovery codes
        </Button>
        <Button
          variant="ghost"
          onClick={() => open('disable')}
          disabled={required}
          title={required ? 'This instance requires two-factor sign-in for your account.' : undefined}
        >
          <ShieldOff aria-hidden size={16} />
          Turn off two-factor
        </Button>
      </div>
      {panel !== 'none' ? (
        <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4">
          <FormAlert message={error} />
          <TextField
            label="Your password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {panel === 'disable' ? (
            <TextField
              label="Current code from your app"
              hint="Lost the device? A recovery code works here too."
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          ) : null}
          <div className="flex gap-2">
            <Button
              type="submit"
              variant={panel === 'disable' ? 'danger' : 'primary'}
              loading={regenerate.isPending || disable.isPending}
            >
              {panel === 'disable' ? 'Turn off' : 'Make new codes'}
            </Button>
            <Button type="button" variant="ghost" onClick={() => open('none')}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
