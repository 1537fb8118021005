import { endpoints } from '@archnest/contract';
import { KeyRound } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { Button } from '../ui/button';
import type { PaneSession, PaneSnapshot } from './pane-session';
import { buildLogin, emptyLogin, PersonalLoginFields, type LoginDraft } from './personal-login-fields';

/**
 * Asked when a per-user host has no saved login: the login goes to the server over this pane's
 * socket for this connection only, and is saved (through the API) only if the user ticks the box.
 */
export function CredentialsPromptForm({
  session,
  prompt,
}: {
  session: PaneSession;
  prompt: NonNullable<PaneSnapshot['credentialsPrompt']>;
}) {
  const [draft, setDraft] = useState<LoginDraft>(() => emptyLogin(prompt.username));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [remember, setRemember] = useState(false);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildLogin(draft);
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    if (remember) {
      setSaving(true);
      try {
        await callApi(endpoints.saveMyHostCredential, { params: { id: prompt.hostId }, body: built.login });
      } catch (error) {
        setSaving(false);
        return setErrors({ form: describeError(error) });
      }
    }
    session.answerCredentials(built.login);
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      className="flex flex-col gap-3"
      onKeyDown={(e) => {
        if (e.key === 'Escape') session.answerCredentials(null);
      }}
    >
      <p className="flex items-center gap-2 font-medium">
        <KeyRound aria-hidden size={16} />
        Sign in to {prompt.hostName} as yourself
      </p>
      <p className="text-[0.85rem] text-muted">
        This host has no stored credential: each user signs in with their own account.
      </p>
      <PersonalLoginFields
        draft={draft}
        errors={errors}
        onChange={(p) => setDraft({ ...draft, ...p })}
        autoFocus
      />
      <label className="flex items-center gap-2 text-[0.9rem]">
        <input
          type="checkbox"
          checked={remember}
          onChange={(e) => setRemember(e.target.checked)}
          className="h-4 w-4 accent-[var(--accent)]"
        />
        Remember for this host (encrypted, only for you)
      </label>
      {errors.form ? <p className="text-[0.85rem] text-danger">{errors.form}</p> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={() => session.answerCredentials(null)}>Cancel</Button>
        <Button type="submit" variant="primary" loading={saving}>
          Connect
        </Button>
      </div>
    </form>
  );
}
