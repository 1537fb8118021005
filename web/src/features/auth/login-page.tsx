import { accountEndpoints, LoginBody, type User } from '@archnest/contract';
import { KeyRound, LogIn } from 'lucide-react';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams, type Location } from 'react-router';
import { callApi } from '../../api/call-api';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { FullPageLoading } from '../../components/ui/full-page-state';
import { AuthLayout } from './auth-layout';
import { FormAlert } from '../../components/ui/form-alert';
import { loginErrorMessage } from './login-error-message';
import { ssoErrorMessage } from './sso-messages';
import { useAuthStatus } from '../../api/use-auth-status';
import { useStartSession } from './use-start-session';

// Only accounts with two-factor need the code step: it loads when the password was right.
const TwoFactorStep = lazy(() => import('./two-factor-step').then((m) => ({ default: m.TwoFactorStep })));
// Only someone coming back from single sign-on to link an account needs this form.
const SsoLinkForm = lazy(() => import('./sso-link-form').then((m) => ({ default: m.SsoLinkForm })));

export function LoginPage() {
  const status = useAuthStatus();
  const startSession = useStartSession();
  const from = (useLocation().state as { from?: Location } | null)?.from;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [secondStep, setSecondStep] = useState(false);
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const ssoError = ssoErrorMessage(search.get('sso_error'));

  // Whether the instance holds this account to two-factor enrolment is part of the auth status.
  const signedIn = async (user: User) => {
    const next = await callApi(accountEndpoints.authStatus);
    startSession(user, from ? `${from.pathname}${from.search}` : '/', next.twoFactorEnrolmentRequired);
  };

  // A plain request rather than useMutation: this page is the first one a visitor loads, and the
  // mutation machinery is code it would download for a single call (docs/PERFORMANCE.md).
  const login = async (body: LoginBody) => {
    setPending(true);
    setFailure(null);
    try {
      const result = await callApi(accountEndpoints.login, { body });
      if ('user' in result) {
        await signedIn(result.user);
      } else {
        setPassword('');
        setSecondStep(true);
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(false);
    }
  };

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
    if (!pending) void login(parsed.data);
  };

  const error = localError ?? (failure ? loginErrorMessage(failure) : ssoError);
  const sso = status.data?.sso ?? null;

  if (search.get('sso') === 'link') {
    return (
      <AuthLayout title="Link your account" subtitle="One step left to sign in with single sign-on.">
        <Suspense fallback={<FullPageLoading />}>
          <SsoLinkForm onCancel={() => void navigate('/login', { replace: true })} />
        </Suspense>
      </AuthLayout>
    );
  }

  if (secondStep) {
    return (
      <AuthLayout title="Two-factor sign-in" subtitle={`Signing in as ${username}`}>
        <Suspense fallback={<FullPageLoading />}>
          <TwoFactorStep
            onSignedIn={(user) => void signedIn(user)}
            onRestart={(message) => {
              setSecondStep(false);
              setFailure(null);
              setLocalError(message);
            }}
          />
        </Suspense>
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
        <Button type="submit" variant="primary" loading={pending} className="mt-1 justify-center">
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
