import { LoadingRows } from '../../components/ui/states';
import { useHosts } from '../../api/use-hosts';
import { HostPicker } from './host-picker';
import { LivePane } from '../../components/terminal/live-pane';
import { paneInUse, type PaneLayout } from '../../components/terminal/terminal-layout';
import { useEndSessionsConfirm } from './end-sessions-dialog';
import { useTerminalManager } from '../../components/terminal/terminal-manager-context';

export function TerminalPane({ tabId, pane, index }: { tabId: string; pane: PaneLayout; index: number }) {
  const manager = useTerminalManager();
  const hosts = useHosts();
  const { dialog, confirm } = useEndSessionsConfirm();
  const session = paneInUse(pane) ? manager.session(pane.id) : undefined;
  const label = `Pane ${index + 1}`;
  if (paneInUse(pane) && !session)
    return (
      <section
        aria-label={label}
        className="flex min-h-0 min-w-0 flex-col overflow-hidden rounded-ui-sm border border-border bg-surface"
      >
        <LoadingRows label="Loading terminal" rows={3} />
      </section>
    );
  if (!session)
    return (
      <section
        aria-label={label}
        className="flex min-h-0 min-w-0 flex-col overflow-hidden rounded-ui-sm border border-dashed border-border bg-surface"
      >
        <HostPicker
          paneLabel={label.toLowerCase()}
          onPick={(host) => manager.openPane(tabId, pane.id, host)}
        />
      </section>
    );
  return (
    <>
      <LivePane
        session={session}
        fallbackName={
          pane.console?.title ?? hosts.data?.find((host) => host.id === pane.hostId)?.name ?? 'Host'
        }
        label={label}
        onClose={() =>
          confirm(`Close ${label.toLowerCase()}?`, [pane], (keep) => manager.closePane(tabId, pane.id, keep))
        }
      />
      {dialog}
    </>
  );
}
