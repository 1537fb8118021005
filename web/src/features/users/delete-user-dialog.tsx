import type { User } from '@archnest/contract';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { FormAlert } from '../../components/ui/form-alert';
import { useDeleteUser } from './use-user-mutations';
import { userErrorMessage } from './user-error-message';

export function DeleteUserDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const remove = useDeleteUser();
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Delete ${user.username}?`}
      description="The account and its sessions are removed for good. Audit entries keep the name."
    >
      <FormAlert message={remove.isError ? userErrorMessage(remove.error) : null} />
      <DialogFooter>
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button
          variant="danger"
          loading={remove.isPending}
          onClick={() => remove.mutate(user, { onSuccess: onClose })}
        >
          Delete user
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
