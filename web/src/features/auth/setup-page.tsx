import { endpoints, passwordProblems, SetupBody } from '@archnest/contract';
import { useMutation } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { toast } from 'sonner';
import { describeError, isApiError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { PasswordHints } from '../../components/ui/password-hints';
import { FullPageLoading } from '../../components/ui/full-page-state';
import { AuthLayout } from './auth-layout';
import { FormAlert } from '../../components/ui/form-alert';
import { useAuthStatus } from '../../api/use-auth-status';
import { useStartSession } from './use-start-session';

export function SetupPage() {
  const status = useAuthStatus();
  const startSession = useStartSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const setup = useMutation({
    mutationFn: (body: SetupBody) => callApi(endpoints.setup, { body }),
    onSuccess: ({ user }) => {
      toast.success(`Welcome, ${user.username}. ArchNest is ready.`);
      startSession(user, '/');
    },
    onError: (error) => {
      // Someone else finished setup first: the status refetch sends us to the login page.
      if (isApiError(error, 'setup_done')) void status.refetch();
    },
  });

  if (status.isPending) return <FullPageLoading />;
  if (status.data && !status.data.setupRequired)
    return <Navigate to={status.data.user ? '/' : '/login'} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = SetupBody.safeParse({ username, password });
    if (!parsed.success) {
      setLocalError(parsed.error.issues[0]?.message ?? 'Check the form.');
      return;
    }
    const problems = passwordProblems(password, parsed.data.username);
    if (problems.length > 0) {
      setLocalError(problems.join(' '));
      return;
    }
    if (password !== confirm) {
      setLocalError('The two passwords do not match.');
      return;
    }
    setLocalError(null);
    setup.mutate(parsed.data);
  };

  const error = localError ?? (setup.isError ? describeError(setup.error) : null);

  return (
    <AuthLayout title="Welcome to ArchNest" subtitle="Create the first administrator account to get started.">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <FormAlert message={error} />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          hint="Letters, digits, dot, underscore or dash."
        />
        <TextField
          label="Password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={<PasswordHints password={password} username={username} />}
        />
        <TextField
          label="Confirm password"
          name="confirm-password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={confirm.length > 0 && confirm !== password ? 'The passwords do not match.' : undefined}
        />
        <Button type="submit" variant="primary" loading={setup.isPending} className="mt-1 justify-center">
          <ShieldCheck aria-hidden size={16} />
          Create admin account
        </Button>
      </form>
    </AuthLayout>
  );
}
