import { destructiveGuestActions, type GuestPowerAction, type InfraResource } from '@archnest/contract';
import { MoreHorizontal, Pause, Play, Power, RotateCcw, Square } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { guestActionLabels } from '../../components/tasks/guest-task-text';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { MenuContent, MenuItem, MenuRoot, MenuTrigger } from '../../components/ui/menu';
import { SwitchField } from '../../components/ui/switch';
import { availableActions, confirmText, type GuestTarget } from './guest-actions';
import { useGuestPowerAction } from './use-guest-tasks';

const icons: Record<GuestPowerAction, ReactNode> = {
  start: <Play aria-hidden size={16} />,
  resume: <Play aria-hidden size={16} />,
  shutdown: <Power aria-hidden size={16} />,
  reboot: <RotateCcw aria-hidden size={16} />,
  suspend: <Pause aria-hidden size={16} />,
  stop: <Square aria-hidden size={16} />,
};

/** Seconds a shutdown waits before the optional forced stop. */
const SHUTDOWN_TIMEOUT = 60;

/** Power actions for one Proxmox guest; the destructive ones ask first. */
export function GuestActionsMenu({ resource, target }: { resource: InfraResource; target: GuestTarget }) {
  const power = useGuestPowerAction();
  const [confirming, setConfirming] = useState<GuestPowerAction | null>(null);
  const [forceStop, setForceStop] = useState(false);
  const actions = availableActions(target.guestType, resource.status);

  const run = (action: GuestPowerAction) => {
    const body = action === 'shutdown' ? { action, timeoutSeconds: SHUTDOWN_TIMEOUT, forceStop } : { action };
    power.mutate(
      { target, body },
      {
        onSuccess: () => setConfirming(null),
        onError: (error) => {
          if (!destructiveGuestActions.includes(action)) {
            toast.error(`${guestActionLabels[action]} ${resource.name}: ${describeError(error)}`);
          }
        },
      },
    );
  };

  return (
    <>
      <MenuRoot>
        <MenuTrigger
          aria-label={`Power actions for ${resource.name}`}
          disabled={actions.length === 0 || power.isPending}
          className="inline-flex h-8 w-8 items-center justify-center rounded-ui-sm text-muted transition hover:bg-surface-2 hover:text-fg data-[state=open]:bg-surface-2 disabled:opacity-40"
        >
          <MoreHorizontal aria-hidden size={18} />
        </MenuTrigger>
        <MenuContent>
          {actions.map((action) => (
            <MenuItem
              key={action}
              tone={action === 'stop' ? 'danger' : 'default'}
              onSelect={() => {
                if (destructiveGuestActions.includes(action)) {
                  power.reset();
                  setForceStop(false);
                  setConfirming(action);
                } else run(action);
              }}
            >
              {icons[action]}
              {guestActionLabels[action]}
              {destructiveGuestActions.includes(action) ? '…' : ''}
            </MenuItem>
          ))}
        </MenuContent>
      </MenuRoot>
      {confirming ? (
        <ConfirmDialog
          title={`${guestActionLabels[confirming]} ${resource.name}?`}
          description={`${guestActionLabels[confirming]} ${confirmText[confirming]} ${resource.id} on ${target.node}.`}
          confirmLabel={guestActionLabels[confirming]}
          pending={power.isPending}
          error={power.error ? describeError(power.error) : null}
          onConfirm={() => run(confirming)}
          onClose={() => setConfirming(null)}
        >
          {confirming === 'shutdown' ? (
            <SwitchField
              label="Force stop after timeout"
              description={`Stops the guest if it has not shut down within ${SHUTDOWN_TIMEOUT} seconds.`}
              checked={forceStop}
              onCheckedChange={setForceStop}
            />
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
