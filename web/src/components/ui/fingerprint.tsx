import type { HostKeyChallenge } from '@archnest/contract';
import { ShieldAlert } from 'lucide-react';

/** A fingerprint exactly as the server gave it, selectable, in monospace. */
export function Fingerprint({ value, label }: { value: string; label?: string }) {
  return (
    <code
      aria-label={label}
      className="rounded-ui-sm bg-surface-2 px-1.5 py-0.5 font-mono text-[0.82rem] break-all select-all"
    >
      {value}
    </code>
  );
}

/** What a user needs to decide whether to trust a host key, for both first contact and a changed key. */
export function HostKeyChallengeDetails({ challenge }: { challenge: HostKeyChallenge }) {
  const changed = challenge.reason === 'changed';
  return (
    <div className="flex flex-col gap-2 text-[0.9rem]">
      {changed ? (
        <p
          role="alert"
          className="flex items-start gap-2 rounded-ui-sm border border-danger/40 bg-danger/10 px-3 py-2 text-danger"
        >
          <ShieldAlert aria-hidden size={16} className="mt-0.5 shrink-0" />
          <span>
            The host key of {challenge.address}:{challenge.port} has changed. This happens after a reinstall,
            but it is also what an attacker in the middle looks like. Check the new fingerprint with the
            server&apos;s owner before accepting it.
          </span>
        </p>
      ) : (
        <p className="text-muted">
          First connection to {challenge.hostName}. Compare this fingerprint with the one the server shows (
          <code className="font-mono">ssh-keygen -lf /etc/ssh/ssh_host_{'*'}_key.pub</code>).
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-3 gap-y-1.5">
        <dt className="text-muted">Host</dt>
        <dd className="font-mono text-[0.85rem]">
          {challenge.address}:{challenge.port}
        </dd>
        <dt className="text-muted">Algorithm</dt>
        <dd className="font-mono text-[0.85rem]">{challenge.algorithm}</dd>
        {changed && challenge.expectedFingerprint ? (
          <>
            <dt className="text-muted">Expected</dt>
            <dd>
              <Fingerprint value={challenge.expectedFingerprint} label="Expected fingerprint" />
            </dd>
          </>
        ) : null}
        <dt className="text-muted">{changed ? 'Seen now' : 'Fingerprint'}</dt>
        <dd>
          <Fingerprint value={challenge.fingerprint} label="Offered fingerprint" />
        </dd>
      </dl>
    </div>
  );
}
