import { IMAGE_REFERENCE } from '@archnest/contract';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { FormAlert } from '../../components/ui/form-alert';
import { UsageBar } from '../../components/ui/usage-bar';
import { formatBytes } from '../../lib/format-bytes';
import { useImagePull, type LayerProgress } from './use-image-pull';

function LayerRow({ layer }: { layer: LayerProgress }) {
  const sized = layer.total !== undefined && layer.total > 0 && layer.current !== undefined;
  return (
    <li className="flex items-center justify-between gap-3 py-1 text-[0.85rem]" data-layer={layer.layer}>
      <code className="shrink-0 text-muted">{layer.layer}</code>
      <span className="min-w-0 flex-1 truncate">{layer.status}</span>
      {sized ? (
        <UsageBar
          className="w-44 shrink-0"
          ratio={layer.current! / layer.total!}
          label={`Layer ${layer.layer}`}
          text={`${formatBytes(layer.current!)} / ${formatBytes(layer.total!)}`}
        />
      ) : null}
    </li>
  );
}

/** Pull by reference; progress streams in live, per layer, and the daemon's own words on failure. */
export function PullDialog({
  hostId,
  hostName,
  onClose,
}: {
  hostId: string;
  hostName: string;
  onClose: () => void;
}) {
  const [ref, setRef] = useState('');
  const [touched, setTouched] = useState(false);
  const { state, start, cancel } = useImagePull(hostId, () => toast.success(`Pulled ${ref} on ${hostName}`));
  const valid = IMAGE_REFERENCE.test(ref.trim());
  const pulling = state.phase === 'pulling';
  const submit = () => {
    setTouched(true);
    if (valid) start(ref.trim());
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) {
          cancel();
          onClose();
        }
      }}
      title={`Pull an image to ${hostName}`}
      description="Docker pulls from the registry the reference names (Docker Hub when none), without credentials."
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField
          label="Image reference"
          placeholder="nginx:1.27 or registry.example:5000/team/app:2"
          value={ref}
          autoFocus
          disabled={pulling}
          onChange={(event) => setRef(event.target.value)}
          hint="No tag means latest; name@sha256:… pulls an exact digest."
          error={
            touched && !valid
              ? 'Not an image reference: lowercase name, optional :tag or @digest.'
              : undefined
          }
        />
        {state.phase !== 'idle' ? (
          <div aria-live="polite" className="rounded-ui-sm border border-border bg-surface-2/40 px-3 py-2">
            <p className="text-[0.9rem] font-medium" data-pull-phase={state.phase}>
              {state.phase === 'pulling' ? `Pulling ${state.ref}…` : null}
              {state.phase === 'done' ? `Pulled ${state.ref}.` : null}
              {state.phase === 'failed' ? `Pulling ${state.ref} stopped.` : null}
            </p>
            {state.layers.length ? (
              <ul aria-label="Layers" className="mt-1 max-h-56 overflow-y-auto">
                {state.layers.map((layer) => (
                  <LayerRow key={layer.layer} layer={layer} />
                ))}
              </ul>
            ) : null}
            {state.lines.length ? (
              <ul aria-label="Pull messages" className="mt-1 text-[0.85rem] text-muted">
                {state.lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <FormAlert message={state.phase === 'failed' ? state.message : null} />
        <DialogFooter>
          {pulling ? <Button onClick={cancel}>Cancel pull</Button> : <Button onClick={onClose}>Done</Button>}
          <Button type="submit" variant="primary" loading={pulling}>
            Pull
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
