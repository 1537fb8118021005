import { destructiveGuestActions, type GuestPowerAction, type InfraResource } from '@archnest/contract';
import { Pause, Play, Power, RotateCcw, Square, SquareTerminal } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { guestActionLabels } from '../../components/tasks/guest-task-text';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { MenuContent, MenuItem, MenuRoot, MenuSeparator, RowActionsTrigger } from '../../components/ui/menu';
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

interface GuestActionsMenuProps {
  resource: InfraResource;
  target: GuestTarget;
  /** Power actions are on (pro edition). */
  power: boolean;
  /** Opens the guest's console; absent when consoles are off. */
  onConsole?: (() => void) | undefined;
  /** Opens it in a new Terminal tab instead (reattached after a reload); absent when consoles are off. */
  terminalHref?: string | undefined;
}

/** Power actions and the console for one Proxmox guest; the destructive actions ask first. */
export function GuestActionsMenu({
  resource,
  target,
  power: powerOn,
  onConsole,
  terminalHref,
}: GuestActionsMenuProps) {
  const navigate = useNavigate();
  const power = useGuestPowerAction();
  const [confirming, setConfirming] = useState<GuestPowerAction | null>(null);
  const [forceStop, setForceStop] = useState(false);
  const actions = powerOn ? availableActions(target.guestType, resource.status) : [];
  const consoleOpen = onConsole && resource.status === 'running' ? onConsole : null;

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
        <RowActionsTrigger
          name={resource.name}
          disabled={(actions.length === 0 && !consoleOpen) || power.isPending}
        />
        <MenuContent>
          {consoleOpen ? (
            <MenuItem onSelect={consoleOpen}>
              <SquareTerminal aria-hidden size={16} />
              Console
            </MenuItem>
          ) : null}
          {consoleOpen && terminalHref ? (
            <MenuItem onSelect={() => void navigate(terminalHref)}>
              <SquareTerminal aria-hidden size={16} />
              Console in Terminal
            </MenuItem>
          ) : null}
          {consoleOpen && actions.length > 0 ? <MenuSeparator /> : null}
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
