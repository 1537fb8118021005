import type { SsoLinkBody } from '@archnest/contract';
import { endpoints } from '@archnest/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { describeError, isApiError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { FormAlert } from '../../components/ui/form-alert';
import { useStartSession } from './use-start-session';

/**
 * After a provider sign-in that matched an existing local account: that account's password, once,
 * links the two; afterwards the provider alone signs it in.
 */
export function SsoLinkForm({ onCancel }: { onCancel: () => void }) {
  const startSession = useStartSession();
  const [password, setPassword] = useState('');
  const pending = useQuery({
    queryKey: ['auth', 'sso', 'link'],
    queryFn: ({ signal }) => callApi(endpoints.ssoPendingLink, undefined, { signal }),
    retry: false,
  });
  const link = useMutation({
    mutationFn: (body: SsoLinkBody) => callApi(endpoints.ssoCompleteLink, { body }),
    onSuccess: ({ user }) => startSession(user, '/'),
  });

  if (pending.isPending) return <p className="text-muted">Checking the sign-in…</p>;
  if (pending.isError) {
    return (
      <div className="flex flex-col gap-3">
        <FormAlert message={describeError(pending.error)} />
        <Button onClick={onCancel}>Back to sign-in</Button>
      </div>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    link.mutate({ password });
  };
  const error = link.isError
    ? isApiError(link.error, 'invalid_credentials')
      ? `That is not the password of ${pending.data.username}.`
      : describeError(link.error)
    : null;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="Link your account">
      <p className="text-[0.95rem]">
        An ArchNest account named <strong>{pending.data.username}</strong> already exists. Enter its password
        once to link it to your single sign-on identity.
      </p>
      <FormAlert message={error} />
      <TextField
        label="Password of the existing account"
        name="password"
        type="password"
        autoComplete="current-password"
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Button type="submit" variant="primary" loading={link.isPending} className="justify-center">
        <Link2 aria-hidden size={16} />
        Link account and sign in
      </Button>
      <Button type="button" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}
