import { useState } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { FormAlert } from '../../components/ui/form-alert';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import { SwitchField } from '../../components/ui/switch';
import { countNoun } from '../../lib/count-noun';
import { formatBytes } from '../../lib/format-bytes';
import { usePrune, usePrunePreview, type ObjectKind } from './use-docker-objects';

const NOUN: Record<ObjectKind, string> = { images: 'image', volumes: 'volume', networks: 'network' };
const WHAT: Record<ObjectKind, string> = {
  images: 'Images no container uses: dangling (untagged) ones, or every unused image.',
  volumes: 'Local volumes no container mounts. Their data is deleted.',
  networks: 'Networks of your own that no container is attached to.',
};

/** Shows what a prune would remove now; only on confirm does it run. */
export function PruneDialog({
  hostId,
  hostName,
  kind,
  onClose,
}: {
  hostId: string;
  hostName: string;
  kind: ObjectKind;
  onClose: () => void;
}) {
  const [all, setAll] = useState(false);
  const preview = usePrunePreview(hostId, kind, all);
  const prune = usePrune(hostId, kind);
  const items = preview.data?.items ?? [];
  const run = () =>
    prune.mutate(
      { all },
      {
        onSuccess: (result) => {
          toast.success(
            `Removed ${countNoun(result.removed.length, NOUN[kind])} on ${hostName}` +
              (result.reclaimedBytes ? `, ${formatBytes(result.reclaimedBytes)} freed` : ''),
          );
          onClose();
        },
      },
    );
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Prune ${kind} on ${hostName}`}
      description={WHAT[kind]}
    >
      {kind === 'images' ? (
        <div className="mb-3">
          <SwitchField
            label="Every unused image, not only dangling ones"
            checked={all}
            onCheckedChange={setAll}
          />
        </div>
      ) : null}
      {preview.isPending ? <LoadingRows rows={2} label="Working out what would go" /> : null}
      {preview.isError ? <ErrorState error={preview.error} onRetry={() => void preview.refetch()} /> : null}
      {preview.isSuccess ? (
        items.length === 0 ? (
          <p className="py-2 text-muted" data-testid="prune-preview-empty">
            Nothing to prune: every {NOUN[kind]} is in use{kind === 'images' && !all ? ' or tagged' : ''}.
          </p>
        ) : (
          <div data-testid="prune-preview">
            <p className="mb-2 text-[0.9rem]">
              {countNoun(items.length, NOUN[kind])} would be removed
              {preview.data.reclaimBytes ? ` (up to ${formatBytes(preview.data.reclaimBytes)})` : ''}:
            </p>
            <ul
              aria-label="Would be removed"
              className="max-h-56 overflow-y-auto rounded-ui-sm border border-border"
            >
              {items.map((item) => (
                <li
                  key={item.id}
                  className="flex justify-between gap-3 border-b border-border px-3 py-1.5 last:border-b-0"
                >
                  <span className="min-w-0 truncate font-medium">{item.name}</span>
                  {item.sizeBytes !== undefined ? (
                    <span className="shrink-0 text-muted tabular-nums">{formatBytes(item.sizeBytes)}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        )
      ) : null}
      <div className="mt-3">
        <FormAlert
          message={
            prune.error instanceof ApiError ? prune.error.message : prune.error ? 'The prune failed.' : null
          }
        />
      </div>
      <DialogFooter>
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button
          variant="danger"
          loading={prune.isPending}
          disabled={!preview.isSuccess || items.length === 0}
          onClick={run}
        >
          Remove {countNoun(items.length, NOUN[kind])}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
