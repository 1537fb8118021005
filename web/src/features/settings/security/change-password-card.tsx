import { endpoints, passwordProblems, type ChangePasswordBody } from '@archnest/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { ApiError, describeError } from '../../../api/api-error';
import { callApi } from '../../../api/call-api';
import { queryKeys } from '../../../api/query-keys';
import { Button } from '../../../components/ui/button';
import { Card, CardBody, CardHeader } from '../../../components/ui/card';
import { TextField } from '../../../components/ui/field';
import { PasswordHints } from '../../../components/ui/password-hints';
import { FormAlert } from '../../../components/ui/form-alert';
import { useCurrentUser } from '../../../lib/current-user-context';

function changePasswordError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'wrong_password')
    return 'The current password is not right.';
  return describeError(error);
}

export function ChangePasswordCard() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => callApi(endpoints.changePassword, { body }),
    onSuccess: () => {
      toast.success('Password changed; other sessions were signed out');
      setCurrent('');
      setNext('');
      setConfirm('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!current) return setLocalError('Enter your current password.');
    const problems = passwordProblems(next, user.username);
    if (problems.length > 0) return setLocalError(problems.join(' '));
    if (next !== confirm) return setLocalError('The new passwords do not match.');
    setLocalError(null);
    change.mutate({ currentPassword: current, newPassword: next });
  };

  const error = localError ?? (change.isError ? changePasswordError(change.error) : null);

  return (
    <Card>
      <CardHeader title="Change password" description="Changing it signs out every other session." />
      <CardBody>
        <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4">
          <FormAlert message={error} />
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            hint={<PasswordHints password={next} username={user.username} />}
          />
          <TextField
            label="Confirm new password"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            error={confirm.length > 0 && confirm !== next ? 'The passwords do not match.' : undefined}
          />
          <div>
            <Button type="submit" variant="primary" loading={change.isPending}>
              <KeyRound aria-hidden size={16} />
              Change password
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
