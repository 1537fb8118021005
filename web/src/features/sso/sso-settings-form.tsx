import type { SsoSettingField, SsoSettings, UpdateSsoSettingsBody } from '@archnest/contract';
import { CheckCircle2, PlugZap, Save, XCircle } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { CardBody } from '../../components/ui/card';
import { TextField } from '../../components/ui/field';
import { SwitchField } from '../../components/ui/switch';
import { TextareaField } from '../../components/ui/textarea';
import { useSaveSsoSettings, useTestSso } from './use-sso';

const LOCKED_HINT = 'Set by the server environment (ARCHNEST_OIDC_*); change it there.';
const splitGroups = (text: string) =>
  text
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);

/** The OIDC settings; fields the environment sets are shown read-only and never sent. */
export function SsoSettingsForm({ settings }: { settings: SsoSettings }) {
  const save = useSaveSsoSettings();
  const test = useTestSso();
  const locked = (field: SsoSettingField) => settings.locked.includes(field);
  const [enabled, setEnabled] = useState(settings.enabled);
  const [issuer, setIssuer] = useState(settings.issuer);
  const [clientId, setClientId] = useState(settings.clientId);
  const [clientSecret, setClientSecret] = useState('');
  const [scopes, setScopes] = useState(settings.scopes);
  const [buttonLabel, setButtonLabel] = useState(settings.buttonLabel);
  const [autoProvision, setAutoProvision] = useState(settings.autoProvision);
  const [allowedGroups, setAllowedGroups] = useState(settings.allowedGroups.join(', '));
  const [adminGroup, setAdminGroup] = useState(settings.adminGroup ?? '');
  const [groupsClaim, setGroupsClaim] = useState(settings.groupsClaim);
  const [caPem, setCaPem] = useState(settings.caPem ?? '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: UpdateSsoSettingsBody = {
      enabled,
      issuer,
      clientId,
      scopes,
      buttonLabel,
      autoProvision,
      allowedGroups: splitGroups(allowedGroups),
      adminGroup: adminGroup.trim() || null,
      groupsClaim,
      caPem: caPem.trim() || null,
      ...(clientSecret ? { clientSecret } : {}),
    };
    for (const field of settings.locked) delete body[field];
    save.mutate(body, { onSuccess: () => setClientSecret('') });
  };
  const issue = (path: string) =>
    save.error && 'issues' in save.error
      ? (save.error as { issues?: { path: (string | number)[]; message: string }[] }).issues?.find(
          (i) => i.path[0] === path,
        )?.message
      : undefined;
  const hint = (field: SsoSettingField, text?: string) => (locked(field) ? LOCKED_HINT : text);

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Single sign-on settings">
      <CardBody className="flex flex-col gap-4">
        <SwitchField
          label="Offer single sign-on"
          description="Shows the sign-in button on the login page. Password sign-in always stays."
          checked={enabled}
          onCheckedChange={setEnabled}
          disabled={locked('enabled')}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label="Issuer URL"
            placeholder="https://id.example.com/realms/main"
            value={issuer}
            onChange={(e) => setIssuer(e.target.value)}
            disabled={locked('issuer')}
            hint={hint('issuer', 'https only; its discovery document is read from here.')}
            error={issue('issuer')}
          />
          <TextField
            label="Client ID"
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
            disabled={locked('clientId')}
            hint={hint('clientId')}
          />
          <TextField
            label="Client secret"
            type="password"
            autoComplete="off"
            placeholder={settings.clientSecretSet ? 'Saved — leave empty to keep' : ''}
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
            disabled={locked('clientSecret')}
            hint={hint('clientSecret', 'Stored encrypted; never shown again.')}
          />
          <TextField
            label="Scopes"
            value={scopes}
            onChange={(e) => setScopes(e.target.value)}
            disabled={locked('scopes')}
            hint={hint('scopes')}
            error={issue('scopes')}
          />
          <TextField
            label="Button label"
            value={buttonLabel}
            onChange={(e) => setButtonLabel(e.target.value)}
            disabled={locked('buttonLabel')}
            hint={hint('buttonLabel', `The login page shows “Sign in with ${buttonLabel || '…'}”.`)}
            error={issue('buttonLabel')}
          />
          <TextField
            label="Groups claim"
            value={groupsClaim}
            onChange={(e) => setGroupsClaim(e.target.value)}
            disabled={locked('groupsClaim')}
            hint={hint('groupsClaim', 'Read from the ID token, else from userinfo.')}
            error={issue('groupsClaim')}
          />
          <TextField
            label="Allowed groups"
            placeholder="Anyone (leave empty)"
            value={allowedGroups}
            onChange={(e) => setAllowedGroups(e.target.value)}
            disabled={locked('allowedGroups')}
            hint={hint('allowedGroups', 'Comma-separated; only members of one of them may sign in.')}
          />
          <TextField
            label="Admin group"
            placeholder="None: roles are managed here"
            value={adminGroup}
            onChange={(e) => setAdminGroup(e.target.value)}
            disabled={locked('adminGroup')}
            hint={hint('adminGroup', 'Members become admins, everyone else members, at each sign-in.')}
          />
        </div>
        <SwitchField
          label="Create accounts on first sign-in"
          description="A new person (in an allowed group) gets a member account, within the seat limit."
          checked={autoProvision}
          onCheckedChange={setAutoProvision}
          disabled={locked('autoProvision')}
        />
        <TextareaField
          label="Extra CA certificate (PEM)"
          rows={3}
          value={caPem}
          onChange={(e) => setCaPem(e.target.value)}
          disabled={locked('caPem')}
          hint={hint(
            'caPem',
            'For a provider whose certificate a private CA issued; trusted in addition to the system roots.',
          )}
          error={issue('caPem')}
        />
        <p className="text-[0.9rem] text-muted">
          Redirect URI to register at the provider:{' '}
          <code className="break-all select-all">{settings.redirectUri}</code>
        </p>
        {save.isError && !issue('issuer') ? (
          <p role="alert" className="text-[0.9rem] text-danger">
            {describeError(save.error)}
          </p>
        ) : null}
        {test.isSuccess ? (
          <p
            role="status"
            className={`flex items-center gap-2 text-[0.9rem] ${test.data.ok ? 'text-success' : 'text-danger'}`}
          >
            {test.data.ok ? <CheckCircle2 aria-hidden size={16} /> : <XCircle aria-hidden size={16} />}
            {test.data.message}
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" variant="primary" loading={save.isPending}>
            <Save aria-hidden size={16} />
            Save
          </Button>
          <Button type="button" loading={test.isPending} onClick={() => test.mutate()}>
            <PlugZap aria-hidden size={16} />
            Test discovery
          </Button>
        </div>
      </CardBody>
    </form>
  );
}
