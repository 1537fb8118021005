import type { Host } from '@archnest/contract';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import { formatDateTime } from '../../lib/format-time';
import {
  buildLogin,
  emptyLogin,
  PersonalLoginFields,
  type LoginDraft,
} from '../../components/terminal/personal-login-fields';
import { useClearMyCredential, useMyCredential, useSaveMyCredential } from './use-my-credential';

/**
 * "My credential for this host": save, replace or clear the user's own login for a per-user host.
 * The server only says whether one is set; the secret never comes back.
 */
export function MyCredentialDialog({ host, onClose }: { host: Host; onClose: () => void }) {
  const mine = useMyCredential(host.id);
  const save = useSaveMyCredential(host.id);
  const clear = useClearMyCredential(host.id);
  const [draft, setDraft] = useState<LoginDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const editing = draft ?? emptyLogin(mine.data?.username ?? host.username);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildLogin(editing);
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    save.mutate(built.login, { onSuccess: () => setDraft(null) });
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`My credential for ${host.name}`}
      description="Only you can use it. It is encrypted on the server and never shown again, not even to admins."
    >
      {mine.isPending ? <LoadingRows rows={2} label="Loading your credential" /> : null}
      {mine.isError ? <ErrorState error={mine.error} onRetry={() => void mine.refetch()} /> : null}
      {mine.isSuccess ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <p role="status" className="text-[0.9rem]">
            {mine.data.set
              ? `Saved: ${mine.data.kind === 'key' ? 'private key' : 'password'} for ${mine.data.username ?? ''}${
                  mine.data.updatedAt ? `, ${formatDateTime(mine.data.updatedAt)}` : ''
                }.`
              : 'Nothing saved: you will be asked each time you connect.'}
          </p>
          <PersonalLoginFields
            draft={editing}
            errors={errors}
            onChange={(patch) => setDraft({ ...editing, ...patch })}
            autoFocus
          />
          {save.isError ? <p className="text-[0.85rem] text-danger">{describeError(save.error)}</p> : null}
          {clear.isError ? <p className="text-[0.85rem] text-danger">{describeError(clear.error)}</p> : null}
          <DialogFooter>
            {mine.data.set ? (
              <Button variant="danger" loading={clear.isPending} onClick={() => clear.mutate()}>
                Clear
              </Button>
            ) : null}
            <Button onClick={onClose}>Close</Button>
            <Button type="submit" variant="primary" loading={save.isPending}>
              {mine.data.set ? 'Replace' : 'Save'}
            </Button>
          </DialogFooter>
        </form>
      ) : null}
    </Dialog>
  );
}
