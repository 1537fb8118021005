import type { ContainerAction, ContainerSummary } from '@archnest/contract';
import { MoreHorizontal, Pause, Play, RotateCw, Square, Trash2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { MenuContent, MenuItem, MenuRoot, MenuSeparator, MenuTrigger } from '../../components/ui/menu';
import { SwitchField } from '../../components/ui/switch';
import { useContainerAction } from './use-containers';

const items: Record<Exclude<ContainerAction, 'remove'>, { label: string; icon: ReactNode }> = {
  start: { label: 'Start', icon: <Play aria-hidden size={16} /> },
  stop: { label: 'Stop', icon: <Square aria-hidden size={16} /> },
  restart: { label: 'Restart', icon: <RotateCw aria-hidden size={16} /> },
  pause: { label: 'Pause', icon: <Pause aria-hidden size={16} /> },
  unpause: { label: 'Resume', icon: <Play aria-hidden size={16} /> },
};

/** What makes sense in each state, in the order Portainer users expect. */
function actionsFor(state: ContainerSummary['state']): Exclude<ContainerAction, 'remove'>[] {
  switch (state) {
    case 'running':
      return ['stop', 'restart', 'pause'];
    case 'paused':
      return ['unpause', 'stop'];
    case 'restarting':
      return ['stop'];
    case 'created':
    case 'exited':
    case 'dead':
    case 'unknown':
      return ['start'];
    case 'removing':
      return [];
  }
}

function RemoveDialog({
  container,
  hostId,
  onClose,
}: {
  container: ContainerSummary;
  hostId: string;
  onClose: () => void;
}) {
  const action = useContainerAction();
  const running = container.state === 'running' || container.state === 'paused';
  const [force, setForce] = useState(false);
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Remove ${container.name}?`}
      description="The container and its writable layer are deleted. Named volumes are kept."
    >
      {running ? (
        <SwitchField
          label="Force"
          description="The container is running: stop it (SIGKILL) and remove it."
          checked={force}
          onCheckedChange={setForce}
        />
      ) : null}
      <DialogFooter>
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button
          variant="danger"
          loading={action.isPending}
          disabled={running && !force}
          onClick={() =>
            action.mutate({ hostId, ref: container.name, action: 'remove', force }, { onSuccess: onClose })
          }
        >
          Remove container
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

export function ContainerActionsMenu({ container, hostId }: { container: ContainerSummary; hostId: string }) {
  const action = useContainerAction();
  const [removing, setRemoving] = useState(false);
  return (
    <>
      <MenuRoot>
        <MenuTrigger asChild>
          <Button
            size="icon"
            variant="ghost"
            aria-label={`Actions for ${container.name}`}
            loading={action.isPending}
            className="text-muted data-[state=open]:bg-surface-2"
          >
            {action.isPending ? null : <MoreHorizontal aria-hidden size={18} />}
          </Button>
        </MenuTrigger>
        <MenuContent>
          {actionsFor(container.state).map((name) => (
            <MenuItem
              key={name}
              onSelect={() => action.mutate({ hostId, ref: container.name, action: name })}
            >
              {items[name].icon}
              {items[name].label}
            </MenuItem>
          ))}
          <MenuSeparator />
          <MenuItem tone="danger" onSelect={() => setRemoving(true)}>
            <Trash2 aria-hidden size={16} />
            Remove…
          </MenuItem>
        </MenuContent>
      </MenuRoot>
      {removing ? (
        <RemoveDialog container={container} hostId={hostId} onClose={() => setRemoving(false)} />
      ) : null}
    </>
  );
}
