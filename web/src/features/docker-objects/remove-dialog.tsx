import { useState } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../../api/api-error';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { SwitchField } from '../../components/ui/switch';
import { useRemoveObject, type ObjectKind } from './use-docker-objects';

const NOUN: Record<ObjectKind, string> = { images: 'image', volumes: 'volume', networks: 'network' };

/** Asks once; Docker's refusal (in use, several tags, built in) shows inline in plain words. */
export function RemoveDialog({
  hostId,
  hostName,
  kind,
  target,
  label,
  onClose,
}: {
  hostId: string;
  hostName: string;
  kind: ObjectKind;
  /** What the API is given: an image id or reference, a volume name, a network id. */
  target: string;
  /** What the user knows it by. */
  label: string;
  onClose: () => void;
}) {
  const [force, setForce] = useState(false);
  const remove = useRemoveObject(hostId, kind);
  const error =
    remove.error instanceof ApiError ? remove.error.message : remove.error ? 'Removing failed.' : null;
  return (
    <ConfirmDialog
      title={`Remove ${NOUN[kind]} ${label}?`}
      description={
        kind === 'volumes'
          ? `The volume and every file in it are deleted from ${hostName}.`
          : `It is removed from ${hostName}.`
      }
      confirmLabel="Remove"
      pending={remove.isPending}
      error={error}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(
          { ref: target, force },
          {
            onSuccess: () => {
              toast.success(`Removed ${NOUN[kind]} ${label} on ${hostName}`);
              onClose();
            },
          },
        )
      }
    >
      {kind === 'images' ? (
        <SwitchField
          label="Force"
          description="Also when stopped containers use it or it has several tags. While a container runs it, force only removes the tag."
          checked={force}
          onCheckedChange={setForce}
        />
      ) : null}
    </ConfirmDialog>
  );
}
