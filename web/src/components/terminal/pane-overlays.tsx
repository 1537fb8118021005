import { AlertTriangle, KeyRound, Power, RotateCw } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../ui/button';
import { CredentialsPromptForm } from './credentials-prompt-form';
import { Input } from '../ui/input';
import { Fingerprint, HostKeyChallengeDetails } from '../ui/fingerprint';
import { describeStep } from '../../lib/host-error-message';
import type { PaneSession, PaneSnapshot } from './pane-session';

// Partial on purpose: a reason added to the protocol later still reads as words.
const exitText: Partial<Record<NonNullable<PaneSnapshot['exit']>['reason'], string>> = {
  exited: 'the shell exited',
  closed: 'closed',
  idle: 'idle too long',
  detached_timeout: 'left detached too long',
  host_unreachable: 'host unreachable',
  logout: 'signed out',
  revoked: 'sign-in session ended',
  expired: 'sign-in expired',
  user_disabled: 'account deactivated',
  server_shutdown: 'server restarting',
  access_revoked: 'your access to this host was removed',
};

function Panel({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="absolute inset-0 z-10 flex items-center justify-center overflow-y-auto bg-bg/80 p-4 backdrop-blur-[1px]">
      <div
        role="dialog"
        aria-label={label}
        className="w-full max-w-md rounded-ui border border-border bg-surface p-4 text-fg shadow-xl"
      >
        {children}
      </div>
    </div>
  );
}

function PromptForm({
  session,
  prompt,
}: {
  session: PaneSession;
  prompt: NonNullable<PaneSnapshot['prompt']>;
}) {
  const [answers, setAnswers] = useState(() => prompt.prompts.map(() => ''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    session.answerPrompt(answers);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <p className="flex items-center gap-2 font-medium">
        <KeyRound aria-hidden size={16} />
        {prompt.name || 'The server asks'}
      </p>
      {prompt.instructions ? (
        <p className="text-[0.88rem] whitespace-pre-wrap text-muted">{prompt.instructions}</p>
      ) : null}
      {prompt.prompts.map((item, index) => (
        <label key={index} className="flex flex-col gap-1 text-[0.9rem]">
          <span className="font-medium">{item.prompt.trim() || `Answer ${index + 1}`}</span>
          <Input
            type={item.echo ? 'text' : 'password'}
            autoComplete="off"
            autoFocus={index === 0}
            value={answers[index] ?? ''}
            onChange={(e) =>
              setAnswers((old) => old.map((value, i) => (i === index ? e.target.value : value)))
            }
          />
        </label>
      ))}
      <div className="flex justify-end">
        <Button type="submit" variant="primary">
          Send
        </Button>
      </div>
    </form>
  );
}

/** Whatever the pane needs from the user, or has to tell them, drawn over its terminal. */
export function PaneOverlays({ session, snapshot }: { session: PaneSession; snapshot: PaneSnapshot }) {
  const { hostKeyPrompt, prompt, credentialsPrompt, exit, error, status } = snapshot;
  if (hostKeyPrompt)
    return (
      <Panel label="Verify host key">
        <div
          className="flex flex-col gap-3"
          onKeyDown={(e) => {
            if (e.key === 'Escape') session.answerHostKey(false);
          }}
        >
          <p className="font-medium">
            {hostKeyPrompt.reason === 'changed'
              ? `The host key of ${hostKeyPrompt.hostName} has changed`
              : 'New host: confirm its fingerprint'}
          </p>
          <HostKeyChallengeDetails challenge={hostKeyPrompt} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => session.answerHostKey(false)}>Reject</Button>
            <Button
              autoFocus
              variant={hostKeyPrompt.reason === 'changed' ? 'danger' : 'primary'}
              onClick={() => session.answerHostKey(true)}
            >
              Accept
            </Button>
          </div>
        </div>
      </Panel>
    );
  if (credentialsPrompt)
    return (
      <Panel label="Your login">
        <CredentialsPromptForm session={session} prompt={credentialsPrompt} />
      </Panel>
    );
  if (prompt)
    return (
      <Panel label="Server prompt">
        <PromptForm session={session} prompt={prompt} />
      </Panel>
    );
  if (status === 'ended' && exit)
    return (
      <Panel label="Session ended">
        <div className="flex flex-col items-center gap-3 text-center">
          <Power aria-hidden size={22} className="text-muted" />
          <p className="font-medium">
            Session ended ({exitText[exit.reason] ?? exit.reason.replaceAll('_', ' ')})
          </p>
          {exit.code !== null || exit.signal ? (
            <p className="text-[0.85rem] text-muted">
              {exit.code !== null ? `Exit code ${exit.code}` : ''}
              {exit.signal ? ` · signal ${exit.signal}` : ''}
            </p>
          ) : null}
          <Button variant="primary" autoFocus onClick={() => session.restart()}>
            <RotateCw aria-hidden size={15} />
            Reconnect
          </Button>
        </div>
      </Panel>
    );
  if (status === 'error' && error)
    return (
      <Panel label="Connection problem">
        <div role="alert" className="flex flex-col gap-3">
          <p className="flex items-start gap-2 font-medium text-danger">
            <AlertTriangle aria-hidden size={18} className="mt-0.5 shrink-0" />
            {error.message}
          </p>
          {describeStep(error.step) ? (
            <p className="text-[0.88rem] text-muted">{describeStep(error.step)}</p>
          ) : null}
          {error.expectedFingerprint || error.seenFingerprint ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-[0.88rem]">
              <dt className="text-muted">Expected</dt>
              <dd>
                <Fingerprint value={error.expectedFingerprint ?? '—'} label="Expected fingerprint" />
              </dd>
              <dt className="text-muted">Seen now</dt>
              <dd>
                <Fingerprint value={error.seenFingerprint ?? '—'} label="Seen fingerprint" />
              </dd>
            </dl>
          ) : null}
          {error.error === 'host_key_changed' ? (
            <p className="text-[0.85rem] text-danger">
              Do not continue unless you know why the key changed. An admin can replace it under Settings ›
              Hosts.
            </p>
          ) : null}
          <div className="flex justify-end">
            {error.error === 'taken_over' || error.error === 'attached_elsewhere' ? (
              <Button variant="primary" autoFocus onClick={() => session.resume()}>
                <RotateCw aria-hidden size={15} />
                Take over
              </Button>
            ) : (
              <Button variant="primary" autoFocus onClick={() => session.restart()}>
                <RotateCw aria-hidden size={15} />
                Start new session
              </Button>
            )}
          </div>
        </div>
      </Panel>
    );
  return null;
}
