import type { HostAccessMode, User } from '@archnest/contract';
import { useId } from 'react';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import type { HostDraft } from '../../components/hosts/host-form-state';
import { useUserChoices } from './use-user-choices';

interface HostAccessFieldsProps {
  draft: HostDraft;
  error?: string | undefined;
  onChange: (patch: Partial<HostDraft>) => void;
}

const modes: { value: HostAccessMode; label: string; hint: string }[] = [
  { value: 'everyone', label: 'Everyone', hint: 'Every signed-in user can see and connect to it.' },
  {
    value: 'chosen',
    label: 'Chosen users',
    hint: 'Only the users ticked below (and admins). Others do not see it at all.',
  },
];

/** "Who can use this host": everyone, or admins plus a chosen set of users. */
export function HostAccessFields({ draft, error, onChange }: HostAccessFieldsProps) {
  const name = useId();
  const users = useUserChoices();
  const members = (users.data ?? []).filter((user) => user.role === 'member');
  const toggle = (user: User, on: boolean) =>
    onChange({
      allowedUserIds: on
        ? [...draft.allowedUserIds, user.id]
        : draft.allowedUserIds.filter((id) => id !== user.id),
    });

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1.5 text-[0.9rem] font-medium">Who can use this host</legend>
      <div className="flex flex-wrap gap-4">
        {modes.map((mode) => (
          <label key={mode.value} className="flex items-start gap-2 text-[0.9rem]">
            <input
              type="radio"
              name={name}
              value={mode.value}
              checked={draft.access === mode.value}
              onChange={() => onChange({ access: mode.value })}
              className="mt-1 h-4 w-4 accent-[var(--accent)]"
            />
            <span>
              <span className="font-medium">{mode.label}</span>
              <span className="block text-[0.82rem] text-muted">{mode.hint}</span>
            </span>
          </label>
        ))}
      </div>
      {draft.access === 'chosen' ? (
        <div className="rounded-ui-sm border border-border bg-surface-2/40 p-2">
          {users.isPending ? <LoadingRows rows={2} label="Loading users" /> : null}
          {users.isError ? <ErrorState error={users.error} onRetry={() => void users.refetch()} /> : null}
          {users.isSuccess && members.length === 0 ? (
            <p className="text-[0.85rem] text-muted">No members yet: only admins can use this host.</p>
          ) : null}
          <ul aria-label="Users who can use this host" className="flex flex-col gap-1">
            {members.map((user) => (
              <li key={user.id}>
                <label className="flex items-center gap-2 text-[0.9rem]">
                  <input
                    type="checkbox"
                    checked={draft.allowedUserIds.includes(user.id)}
                    onChange={(e) => toggle(user, e.target.checked)}
                    className="h-4 w-4 accent-[var(--accent)]"
                  />
                  <span className="font-medium">{user.username}</span>
                  {user.active ? null : <span className="text-[0.8rem] text-muted">(deactivated)</span>}
                </label>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-[0.8rem] text-muted">Admins can always use every host.</p>
        </div>
      ) : null}
      {error ? <p className="text-[0.85rem] text-danger">{error}</p> : null}
    </fieldset>
  );
}
