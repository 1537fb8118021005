import type { InfraTileDetail } from '@archnest/contract';
import { SearchX, SquareTerminal, X } from 'lucide-react';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { KindIcon } from '../../components/ui/kind-icon';
import { useCurrentUser } from '../../lib/current-user-context';
import { useFeature } from '../../lib/use-features';
import { guestTarget } from './guest-actions';
import { GuestActionsMenu } from './guest-actions-menu';
import { GuestConsole, type OpenConsole } from './guest-console';
import { GuestTaskList } from './guest-task-list';
import { HealthBar } from './health-bar';
import { MemberList } from './member-list';
import { applyMemberQuery, defaultMemberQuery, indexMembers, type MemberQuery } from './member-query';
import { MemberToolbar } from './member-toolbar';
import { RefreshSourceButton, SourceFreshness } from './source-status';
import { useInfrastructureTile } from '../../api/use-infrastructure';
import { terminalHref } from '../../lib/terminal-href';
import { countNoun } from '../../lib/count-noun';

interface NodeDetailCardProps {
  tileId: string;
  /** The source's last successful poll as the overview reports it; a change re-reads the members. */
  version: string | null;
  now: number;
  onClose: () => void;
}

interface GuestFeatures {
  power: boolean;
  /** Opens a console; null when consoles are off. */
  openConsole: ((open: OpenConsole) => void) | null;
}

/** An SSH host among the members: a terminal to it. */
function ConnectButton({ hostId, name }: { hostId: string; name: string }) {
  return (
    <Link
      to={terminalHref(hostId)}
      aria-label={`Connect to ${name}`}
      title="Open a terminal to this host"
      className="inline-flex h-7 w-7 items-center justify-center rounded-sm text-muted transition hover:bg-surface-2 hover:text-fg"
    >
      <SquareTerminal aria-hidden size={15} />
    </Link>
  );
}

function Members({ detail, guests }: { detail: InfraTileDetail; guests: GuestFeatures }) {
  const [query, setQuery] = useState<MemberQuery>(defaultMemberQuery);
  const deferred = useDeferredValue(query);
  const indexed = useMemo(() => indexMembers(detail.members), [detail.members]);
  const shown = useMemo(() => applyMemberQuery(indexed, deferred), [indexed, deferred]);
  const total = detail.members.length;
  return (
    <div className="flex flex-col gap-3">
      <MemberToolbar query={query} onChange={setQuery} />
      <p data-member-count={shown.length} aria-live="polite" className="text-[0.88rem] text-muted">
        {shown.length === total
          ? countNoun(total, 'member')
          : `Showing ${shown.length.toLocaleString()} of ${countNoun(total, 'member')}`}
      </p>
      {shown.length > 0 ? (
        <MemberList
          members={shown}
          label={`Members of ${detail.tile.title}`}
          {...(detail.source.kind === 'ssh'
            ? { renderActions: (resource) => <ConnectButton hostId={resource.id} name={resource.name} /> }
            : guests.power || guests.openConsole
              ? {
                  renderActions: (resource) => {
                    const target = guestTarget(detail.source, resource);
                    const open = guests.openConsole;
                    return target ? (
                      <GuestActionsMenu
                        resource={resource}
                        target={target}
                        power={guests.power}
                        onConsole={
                          open
                            ? () =>
                                open({
                                  target: {
                                    kind: 'pve',
                                    integrationId: target.integrationId,
                                    node: target.node,
                                    guestType: target.guestType,
                                    vmid: Number(target.vmid),
                                  },
                                  title: `${resource.name} (${resource.id})`,
                                })
                            : undefined
                        }
                      />
                    ) : null;
                  },
                }
              : {})}
        />
      ) : (
        <EmptyState
          icon={<SearchX size={28} strokeWidth={1.5} />}
          title={total === 0 ? 'No members' : 'No members match'}
          description={
            total === 0 ? 'This source reports nothing here yet.' : 'Change the search or the status filter.'
          }
        />
      )}
    </div>
  );
}

/** The members of one tile; Escape closes it from anywhere on the page except inside a dialog. */
export function NodeDetailCard({ tileId, version, now, onClose }: NodeDetailCardProps) {
  const tile = useInfrastructureTile(tileId, version);
  const isAdmin = useCurrentUser().role === 'admin';
  const featureOn = useFeature('proxmoxPowerActions');
  const consolesOn = useFeature('proxmoxConsoles');
  const [console, setConsole] = useState<OpenConsole | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => heading.current?.focus(), [tileId]);

  const detail = tile.data;
  const proxmoxAdmin = isAdmin && detail?.source.kind === 'proxmox';
  const powerActions = proxmoxAdmin && featureOn;
  const nodeName = detail?.tile.id.match(/:node:(.+)$/)?.[1] ?? null;
  const guests: GuestFeatures = {
    power: powerActions,
    openConsole: proxmoxAdmin && consolesOn ? setConsole : null,
  };
  return (
    <Card aria-labelledby={`tile-heading-${tileId}`} className="flex flex-col">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4">
        <div className="flex min-w-0 items-start gap-3">
          {detail ? (
            <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-ui-sm bg-surface-2 text-muted">
              <KindIcon kind={detail.tile.kind} size={18} />
            </span>
          ) : null}
          <div className="min-w-0">
            <h2
              id={`tile-heading-${tileId}`}
              ref={heading}
              tabIndex={-1}
              className="text-[1.05rem] font-semibold outline-none"
            >
              {detail ? `Node detail · ${detail.tile.title}` : 'Node detail'}
            </h2>
            {detail ? (
              <p className="text-[0.9rem] text-muted">
                {[detail.tile.subtitle, detail.tile.summary].filter(Boolean).join(' · ')}
              </p>
            ) : null}
          </div>
        </div>
        <div className="flex items-center gap-3">
          {detail ? <SourceFreshness source={detail.source} now={now} /> : null}
          {detail && guests.openConsole && nodeName && detail.tile.health !== 'error' ? (
            <Button
              variant="ghost"
              onClick={() =>
                setConsole({
                  target: {
                    kind: 'pve',
                    integrationId: detail.source.id.slice('integration:'.length),
                    node: nodeName,
                    guestType: 'node',
                    vmid: null,
                  },
                  title: `${nodeName} shell`,
                })
              }
            >
              <SquareTerminal aria-hidden size={16} />
              Shell
            </Button>
          ) : null}
          {detail ? <RefreshSourceButton source={detail.source} /> : null}
          <Button
            size="icon"
            variant="ghost"
            aria-label="Close node detail"
            title="Close (Esc)"
            onClick={onClose}
          >
            <X aria-hidden size={18} />
          </Button>
        </div>
      </div>
      {detail ? (
        <div className="px-5 pt-3">
          <HealthBar counts={detail.tile.counts} />
        </div>
      ) : null}
      <div className="px-5 py-4">
        {tile.isPending ? <LoadingRows label="Loading members" /> : null}
        {!detail && isApiError(tile.error) && tile.error.status === 404 ? (
          <EmptyState
            title="This tile is gone"
            description="Its node or source no longer reports. Close this card."
          />
        ) : !detail && tile.isError ? (
          <ErrorState error={tile.error} onRetry={() => void tile.refetch()} />
        ) : null}
        {detail ? <Members detail={detail} guests={guests} /> : null}
      </div>
      {console ? (
        <div className="px-5 pb-4">
          <GuestConsole
            key={JSON.stringify(console.target)}
            open={console}
            onClose={() => setConsole(null)}
          />
        </div>
      ) : null}
      {detail && powerActions ? (
        <div className="border-t border-border px-5 py-4">
          <GuestTaskList integrationId={detail.source.id.slice('integration:'.length)} now={now} />
        </div>
      ) : null}
    </Card>
  );
}
