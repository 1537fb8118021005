import { Bell } from 'lucide-react';
import { useNavigate } from 'react-router';
import { Badge } from '../../components/ui/badge';
import {
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuRoot,
  MenuSeparator,
  MenuTrigger,
} from '../../components/ui/menu';
import { formatDateTime } from '../../lib/format-time';
import { kindLabels, kindTone } from './alert-format';
import { useAlertInbox, useMarkRead } from './use-alerts';
import { RelativeTime } from '../../components/ui/relative-time';

/** The header's bell: unread alerts (kept live by the events socket) and the latest few. */
export function AlertBell() {
  const inbox = useAlertInbox();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const unread = inbox.data?.unread ?? 0;
  const events = inbox.data?.events ?? [];
  const newest = events[0]?.id ?? 0;
  return (
    <MenuRoot
      onOpenChange={(open) => {
        if (!open && unread > 0 && newest > 0) markRead.mutate(newest);
      }}
    >
      <MenuTrigger
        aria-label={unread > 0 ? `Alerts: ${unread} unread` : 'Alerts'}
        className="relative inline-flex h-9 w-9 items-center justify-center rounded-ui-sm text-muted transition hover:bg-surface-2 hover:text-fg data-[state=open]:bg-surface-2"
      >
        <Bell aria-hidden size={18} />
        {unread > 0 ? (
          <span
            data-testid="alert-unread"
            className="absolute -top-0.5 -right-0.5 min-w-4.5 rounded-full bg-danger px-1 text-center text-[0.7rem] leading-4.5 font-semibold text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </MenuTrigger>
      <MenuContent className="w-96 max-w-[calc(100vw-2rem)]">
        <MenuLabel>
          {unread > 0 ? `${unread} unread alert${unread === 1 ? '' : 's'}` : 'No unread alerts'}
        </MenuLabel>
        <MenuSeparator />
        {inbox.isError ? <p className="px-3 py-2 text-danger">Alerts could not be loaded.</p> : null}
        {inbox.isSuccess && events.length === 0 ? (
          <p className="px-3 py-2 text-muted">Nothing has fired yet.</p>
        ) : null}
        {events.slice(0, 8).map((e) => (
          <MenuItem key={e.id} onSelect={() => void navigate('/alerts')}>
            <div className="flex min-w-0 flex-col gap-0.5">
              <div className="flex items-center gap-2">
                <Badge tone={kindTone(e.kind)}>{kindLabels[e.kind]}</Badge>
                <span className="truncate font-medium">{e.ruleName}</span>
                {e.id > (inbox.data?.lastReadId ?? 0) ? (
                  <span aria-label="unread" className="h-2 w-2 shrink-0 rounded-full bg-accent" />
                ) : null}
              </div>
              <span className="truncate text-[0.85rem]">{e.message}</span>
              <span className="text-[0.78rem] text-muted" title={formatDateTime(e.at)}>
                <RelativeTime iso={e.at} />
              </span>
            </div>
          </MenuItem>
        ))}
        <MenuSeparator />
        <MenuItem onSelect={() => void navigate('/alerts')}>All alerts and history</MenuItem>
      </MenuContent>
    </MenuRoot>
  );
}
