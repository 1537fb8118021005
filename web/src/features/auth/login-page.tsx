import { endpoints, LoginBody } from '@archnest/contract';
import { useMutation } from '@tanstack/react-query';
import { KeyRound, LogIn } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams, type Location } from 'react-router';
import { callApi } from '../../api/call-api';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { FullPageLoading } from '../shell/full-page-state';
import { AuthLayout } from './auth-layout';
import { FormAlert } from './form-alert';
import { loginErrorMessage } from './login-error-message';
import { SsoLinkForm } from './sso-link-form';
import { ssoErrorMessage } from './sso-messages';
import { useAuthStatus } from './use-auth-status';
import { useStartSession } from './use-start-session';

export function LoginPage() {
  const status = useAuthStatus();
  const startSession = useStartSession();
  const from = (useLocation().state as { from?: Location } | null)?.from;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const ssoError = ssoErrorMessage(search.get('sso_error'));

  const login = useMutation({
    mutationFn: (body: LoginBody) => callApi(endpoints.login, { body }),
    onSuccess: ({ user }) => startSession(user, from ? `${from.pathname}${from.search}` : '/'),
  });

  if (status.isPending) return <FullPageLoading />;
  if (status.data?.setupRequired) return <Navigate to="/setup" replace />;
  if (status.data?.user) return <Navigate to="/" replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = LoginBody.safeParse({ username, password });
    if (!parsed.success) {
      setLocalError(parsed.error.issues[0]?.message ?? 'Enter a username and a password.');
      return;
    }
    setLocalError(null);
    login.mutate(parsed.data);
  };

  const error = localError ?? (login.isError ? loginErrorMessage(login.error) : ssoError);
  const sso = status.data?.sso ?? null;

  if (search.get('sso') === 'link') {
    return (
      <AuthLayout title="Link your account" subtitle="One step left to sign in with single sign-on.">
        <SsoLinkForm onCancel={() => void navigate('/login', { replace: true })} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Sign in to ArchNest" subtitle="Your infrastructure, in one place.">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <FormAlert message={error} />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" variant="primary" loading={login.isPending} className="mt-1 justify-center">
          <LogIn aria-hidden size={16} />
          Sign in
        </Button>
        {sso ? (
          <>
            <div className="flex items-center gap-3 text-[0.85rem] text-muted" aria-hidden>
              <span className="h-px flex-1 bg-border" />
              or
              <span className="h-px flex-1 bg-border" />
            </div>
            {/* A full navigation: the server redirects on to the identity provider. */}
            <a
              href="/api/auth/sso/login"
              className="inline-flex h-9 items-center justify-center gap-2 rounded-ui-sm border border-border bg-surface px-3.5 font-medium shadow-ui hover:bg-surface-2"
            >
              <KeyRound aria-hidden size={16} />
              Sign in with {sso.label}
            </a>
          </>
        ) : null}
      </form>
    </AuthLayout>
  );
}
