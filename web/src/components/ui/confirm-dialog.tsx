import type { ReactNode } from 'react';
import { FormAlert } from './form-alert';
import { Button } from './button';
import { Dialog, DialogFooter } from './dialog';

interface ConfirmDialogProps {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
  /** Options shown above the buttons (e.g. a forced-stop switch). */
  children?: ReactNode;
}

/** A destructive action asks once; Cancel has focus so Enter never deletes by accident. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: ConfirmDialogProps) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={title} description={description}>
      {children ? <div className="mb-4">{children}</div> : null}
      <FormAlert message={error} />
      <DialogFooter>
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" loading={pending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
