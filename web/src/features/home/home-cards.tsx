import type {
  HomeProblem,
  HomeRecentHost,
  HomeSource,
  HomeSummary,
  LiveTerminalSession,
} from '@archnest/contract';
import { AlertTriangle, Box, Monitor, Server, SquareTerminal, Activity } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ReachabilityBadge } from '../../components/reachability-badge';
import { Badge } from '../../components/ui/badge';
import { Card, CardHeader } from '../../components/ui/card';
import { EmptyState } from '../../components/ui/states';
import { RelativeTime } from '../../components/ui/relative-time';

const linkButton =
  'inline-flex h-8 shrink-0 items-center gap-1.5 rounded-ui-sm border border-border bg-surface px-2.5 text-[0.9rem] shadow-ui hover:bg-surface-2';

function Figure({
  value,
  label,
  tone,
}: {
  value: number;
  label: string;
  tone?: 'danger' | 'success' | 'warning';
}) {
  const color =
    value && tone ? { danger: 'text-danger', success: 'text-success', warning: 'text-warning' }[tone] : '';
  return (
    <div className="flex min-w-0 flex-col">
      <span className={`text-[1.4rem] font-semibold tabular-nums ${color}`}>{value}</span>
      <span className="text-[0.82rem] text-muted">{label}</span>
    </div>
  );
}

function TotalCard({
  title,
  icon,
  href,
  children,
}: {
  title: string;
  icon: ReactNode;
  href: string;
  children: ReactNode;
}) {
  return (
    <Card className="min-w-0 px-4 py-3 sm:px-5 sm:py-4" aria-label={title}>
      <Link to={href} className="mb-2 flex items-center gap-2 font-semibold hover:underline">
        {icon}
        {title}
      </Link>
      <div className="flex flex-wrap gap-x-6 gap-y-2">{children}</div>
    </Card>
  );
}

export function Totals({ totals }: { totals: HomeSummary['totals'] }) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      <TotalCard title="SSH hosts" icon={<Server aria-hidden size={18} />} href="/settings?tab=hosts">
        <Figure value={totals.hosts.total} label="hosts" />
        <Figure value={totals.hosts.up} label="up" tone="success" />
        <Figure value={totals.hosts.down} label="down" tone="danger" />
      </TotalCard>
      <TotalCard title="Containers" icon={<Box aria-hidden size={18} />} href="/containers">
        <Figure value={totals.containers.running} label="running" tone="success" />
        <Figure value={totals.containers.stopped} label="stopped" />
        <Figure value={totals.containers.unhealthy} label="unhealthy" tone="danger" />
      </TotalCard>
      <TotalCard title="Guests" icon={<Monitor aria-hidden size={18} />} href="/infrastructure">
        <Figure value={totals.guests.running} label="running" tone="success" />
        <Figure value={totals.guests.stopped} label="stopped" />
      </TotalCard>
      <TotalCard title="Monitors" icon={<Activity aria-hidden size={18} />} href="/infrastructure">
        <Figure value={totals.monitors.up} label="up" tone="success" />
        <Figure value={totals.monitors.down} label="down" tone="danger" />
      </TotalCard>
    </div>
  );
}

export function ProblemsCard({ problems }: { problems: HomeProblem[] }) {
  return (
    <Card>
      <CardHeader title="Problems" description={problems.length ? undefined : 'Nothing needs attention.'} />
      {problems.length ? (
        <ul className="flex flex-col divide-y divide-border" aria-label="Current problems">
          {problems.map((p) => (
            <li key={`${p.kind}:${p.title}`} className="flex items-start gap-3 px-5 py-3">
              <AlertTriangle aria-hidden size={18} className="mt-0.5 shrink-0 text-danger" />
              <div className="min-w-0">
                <Link to={p.href} className="font-medium break-words hover:underline">
                  {p.title}
                </Link>
                <p className="text-[0.88rem] break-words text-muted">
                  {p.detail}
                  {p.since ? (
                    <>
                      {' '}
                      <RelativeTime iso={p.since} />
                    </>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

export function RecentHostsCard({ hosts }: { hosts: HomeRecentHost[] }) {
  return (
    <Card>
      <CardHeader title="Recent hosts" description="Open a terminal in one click." />
      {hosts.length === 0 ? (
        <EmptyState title="No SSH hosts yet" description="Hosts you may use appear here." />
      ) : (
        <ul className="flex flex-col divide-y divide-border" aria-label="Recent hosts">
          {hosts.map((h) => (
            <li
              key={h.hostId}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3"
              aria-label={h.name}
            >
              <div className="min-w-0 flex-1">
                <div className="truncate font-medium">{h.name}</div>
                <div className="truncate font-mono text-[0.8rem] text-muted">
                  {h.address}
                  {h.lastUsedAt ? (
                    <span>
                      {' '}
                      · used <RelativeTime iso={h.lastUsedAt} />
                    </span>
                  ) : null}
                </div>
              </div>
              <ReachabilityBadge reachability={h.reachability} />
              <Link
                to={`/terminal?host=${encodeURIComponent(h.hostId)}`}
                className={linkButton}
                aria-label={`Connect to ${h.name}`}
              >
                <SquareTerminal aria-hidden size={15} />
                Connect
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function SessionsCard({ sessions }: { sessions: LiveTerminalSession[] }) {
  return (
    <Card>
      <CardHeader
        title="Your terminal sessions"
        description={sessions.length ? 'Still running on the server.' : 'No terminal is running.'}
      />
      {sessions.length ? (
        <ul className="flex flex-col divide-y divide-border" aria-label="Live terminal sessions">
          {sessions.map((s) => (
            <li key={s.sessionId} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3">
              <span className="min-w-0 flex-1 truncate font-medium">{s.hostName}</span>
              <span className="text-[0.85rem] text-muted">
                started <RelativeTime iso={s.startedAt} />
              </span>
              <Badge tone={s.attached ? 'success' : 'neutral'}>
                {s.attached ? 'attached' : 'in the background'}
              </Badge>
              <Link to="/terminal" className={linkButton}>
                Open
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

const HEALTH_TONE = {
  ok: 'success',
  warning: 'warning',
  error: 'danger',
  off: 'neutral',
  unknown: 'neutral',
} as const;

export function SourcesCard({ sources }: { sources: HomeSource[] }) {
  if (!sources.length) return null;
  return (
    <Card>
      <CardHeader title="Sources" description="Every integration, Docker host and agent, as last polled." />
      <ul className="flex flex-col divide-y divide-border" aria-label="Sources">
        {sources.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3">
            <span className="min-w-0 flex-1 truncate font-medium">{s.name}</span>
            <span className="min-w-0 text-[0.85rem] break-words text-muted">{s.error ?? s.summary}</span>
            <Badge tone={HEALTH_TONE[s.health]}>{s.state === 'error' ? 'failing' : s.health}</Badge>
          </li>
        ))}
      </ul>
    </Card>
  );
}
