import { CreateUserBody, passwordProblems, Role, SEAT_LIMIT } from '@archnest/contract';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { Select } from '../../components/ui/input';
import { PasswordHints } from '../../components/ui/password-hints';
import { FormAlert } from '../../components/ui/form-alert';
import { useCreateUser } from './use-user-mutations';
import { userErrorMessage } from './user-error-message';

interface CreateUserDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Known from the user list; the server still has the final word (409 seat_limit). */
  seatsFull: boolean;
}

export function CreateUserDialog({ open, onOpenChange, seatsFull }: CreateUserDialogProps) {
  const roleId = useId();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [localError, setLocalError] = useState<string | null>(null);

  const reset = () => {
    setUsername('');
    setPassword('');
    setRole('member');
    setLocalError(null);
    create.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateUserBody.safeParse({ username, password, role });
    if (!parsed.success) return setLocalError(parsed.error.issues[0]?.message ?? 'Check the form.');
    const problems = passwordProblems(password, parsed.data.username);
    if (problems.length > 0) return setLocalError(problems.join(' '));
    setLocalError(null);
    create.mutate(parsed.data, {
      onSuccess: () => {
        reset();
        onOpenChange(false);
      },
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) reset();
        onOpenChange(next);
      }}
      title="New user"
      description="They can sign in right away with this password and change it under Security."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        {seatsFull && !create.isError && !localError ? (
          <p className="rounded-ui-sm border border-warning/35 bg-warning/10 px-3 py-2 text-[0.9rem] text-warning">
            All {SEAT_LIMIT} seats are in use: deactivate or delete a user before adding one.
          </p>
        ) : null}
        <FormAlert message={localError ?? (create.isError ? userErrorMessage(create.error) : null)} />
        <TextField
          label="Username"
          autoComplete="off"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={<PasswordHints password={password} username={username} />}
        />
        <div className="flex flex-col gap-1.5">
          <label htmlFor={roleId} className="text-[0.9rem] font-medium">
            Role
          </label>
          <Select id={roleId} value={role} onChange={(e) => setRole(Role.parse(e.target.value))}>
            <option value="member">Member: uses ArchNest</option>
            <option value="admin">Admin: also manages users and sees the audit log</option>
          </Select>
        </div>
        <DialogFooter>
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create user
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
