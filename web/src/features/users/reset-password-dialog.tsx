import { passwordProblems, type User } from '@archnest/contract';
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { PasswordHints } from '../../components/ui/password-hints';
import { FormAlert } from '../../components/ui/form-alert';
import { useResetUserPassword } from './use-user-mutations';
import { userErrorMessage } from './user-error-message';

/** Mounted only while open (keyed by user), so its form state starts empty every time. */
export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const resetPassword = useResetUserPassword();
  const [password, setPassword] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = passwordProblems(password, user.username);
    if (problems.length > 0) return setLocalError(problems.join(' '));
    setLocalError(null);
    resetPassword.mutate({ user, password }, { onSuccess: onClose });
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Reset password for ${user.username}`}
      description="Their current sessions end; tell them the new password through a safe channel."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormAlert
          message={localError ?? (resetPassword.isError ? userErrorMessage(resetPassword.error) : null)}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={<PasswordHints password={password} username={user.username} />}
        />
        <DialogFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={resetPassword.isPending}>
            Set password
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
