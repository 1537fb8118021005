import { KeyRound } from 'lucide-react';
import { isApiError } from '../../api/api-error';
import { Card, CardHeader } from '../../components/ui/card';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { SsoSettingsForm } from './sso-settings-form';
import { SsoUsersCard } from './sso-users-card';
import { useSsoSettings } from './use-sso';

/** Settings › Authentication: OIDC single sign-on (pro edition). */
export function AuthenticationTab() {
  const settings = useSsoSettings();
  if (isApiError(settings.error, 'feature_unavailable')) {
    return (
      <Card>
        <EmptyState
          icon={<KeyRound size={28} strokeWidth={1.5} />}
          title="Single sign-on is part of the pro edition"
          description="Run ArchNest with ARCHNEST_EDITION=pro to sign in through an OpenID Connect provider."
        />
      </Card>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader
          title="Single sign-on (OpenID Connect)"
          description="Sign in through your identity provider: Keycloak, Authentik, Entra ID, Google and others."
        />
        <QueryStates query={settings} loadingLabel="Loading single sign-on settings" />
        {settings.isSuccess ? <SsoSettingsForm settings={settings.data} /> : null}
      </Card>
      {settings.isSuccess ? <SsoUsersCard /> : null}
    </div>
  );
}
