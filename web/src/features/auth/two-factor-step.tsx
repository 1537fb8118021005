import { endpoints, RecoveryCode, TotpCode, type SecondFactorBody, type User } from '@archnest/contract';
import { useMutation } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { FormAlert } from '../../components/ui/form-alert';
import { loginErrorMessage } from './login-error-message';

interface TwoFactorStepProps {
  onSignedIn: (user: User) => void;
  /** The pending sign-in is gone (expired, or used): back to the password with this message. */
  onRestart: (message: string) => void;
}

/** The second step of signing in: an authenticator code, or one of the recovery codes. */
export function TwoFactorStep({ onSignedIn, onRestart }: TwoFactorStepProps) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const finish = useMutation({
    mutationFn: (body: SecondFactorBody) => callApi(endpoints.twoFactorLogin, { body }),
    onSuccess: ({ user }) => onSignedIn(user),
    onError: (error) => {
      if (isApiError(error, 'pending_login_expired')) onRestart(error.message);
      setValue('');
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = useRecovery ? RecoveryCode.safeParse(value) : TotpCode.safeParse(value);
    if (!parsed.success) return setLocalError(parsed.error.issues[0]?.message ?? 'Enter the code.');
    setLocalError(null);
    finish.mutate(useRecovery ? { recoveryCode: parsed.data } : { code: parsed.data });
  };

  const error = localError ?? (finish.isError ? loginErrorMessage(finish.error) : null);

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormAlert message={error} />
      <p className="text-[0.9rem] text-muted">
        {useRecovery
          ? 'Enter one of the recovery codes you saved. Each works once.'
          : 'Enter the 6-digit code from your authenticator app.'}
      </p>
      <TextField
        key={useRecovery ? 'recovery' : 'code'}
        label={useRecovery ? 'Recovery code' : 'Authentication code'}
        name={useRecovery ? 'recovery-code' : 'one-time-code'}
        inputMode={useRecovery ? 'text' : 'numeric'}
        autoComplete={useRecovery ? 'off' : 'one-time-code'}
        autoFocus
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <Button type="submit" variant="primary" loading={finish.isPending} className="mt-1 justify-center">
        <ShieldCheck aria-hidden size={16} />
        Verify
      </Button>
      <Button
        type="button"
        variant="ghost"
        className="justify-center"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setValue('');
          setLocalError(null);
          finish.reset();
        }}
      >
        {useRecovery ? 'Use the authenticator app instead' : 'Use a recovery code instead'}
      </Button>
    </form>
  );
}
