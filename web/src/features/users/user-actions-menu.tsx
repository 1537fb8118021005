import type { User } from '@archnest/contract';
import { KeyRound, ShieldCheck, Trash2, UserCheck, UserRound, UserX } from 'lucide-react';
import { MenuContent, MenuItem, MenuRoot, MenuSeparator, RowActionsTrigger } from '../../components/ui/menu';
import { useUpdateUser } from './use-user-mutations';

interface UserActionsMenuProps {
  user: User;
  onResetPassword: () => void;
  onDelete: () => void;
}

export function UserActionsMenu({ user, onResetPassword, onDelete }: UserActionsMenuProps) {
  const update = useUpdateUser();
  const nextRole = user.role === 'admin' ? 'member' : 'admin';
  return (
    <MenuRoot>
      <RowActionsTrigger name={user.username} disabled={update.isPending} />
      <MenuContent>
        <MenuItem onSelect={() => update.mutate({ user, change: { role: nextRole } })}>
          {nextRole === 'admin' ? <ShieldCheck aria-hidden size={16} /> : <UserRound aria-hidden size={16} />}
          {nextRole === 'admin' ? 'Make admin' : 'Make member'}
        </MenuItem>
        <MenuItem onSelect={() => update.mutate({ user, change: { active: !user.active } })}>
          {user.active ? <UserX aria-hidden size={16} /> : <UserCheck aria-hidden size={16} />}
          {user.active ? 'Deactivate' : 'Activate'}
        </MenuItem>
        <MenuItem onSelect={onResetPassword}>
          <KeyRound aria-hidden size={16} />
          Reset password…
        </MenuItem>
        <MenuSeparator />
        <MenuItem tone="danger" onSelect={onDelete}>
          <Trash2 aria-hidden size={16} />
          Delete…
        </MenuItem>
      </MenuContent>
    </MenuRoot>
  );
}
