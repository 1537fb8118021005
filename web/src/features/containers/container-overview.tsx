import type { ContainerDetail } from '@archnest/contract';
import { Lock } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '../../components/ui/badge';
import { Card, CardHeader } from '../../components/ui/card';
import { formatDateTime } from '../../lib/format-time';
import { formatPorts } from './container-format';
import { ContainerHealthBadge, ContainerStateBadge } from './container-state-badge';
import { RelativeTime } from '../../components/ui/relative-time';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card aria-label={title}>
      <CardHeader title={title} />
      <div className="px-5 py-3">{children}</div>
    </Card>
  );
}

/** Rows whose value is absent are left out rather than shown as blanks. */
function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const present = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return (
    <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-2 text-[0.92rem]">
      {present.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const when = (iso: string | undefined) =>
  iso && !iso.startsWith('0001-') ? (
    <span title={formatDateTime(iso)}>
      {formatDateTime(iso)}{' '}
      <span className="text-muted">
        (<RelativeTime iso={iso} />)
      </span>
    </span>
  ) : undefined;

const mono = (text: string | undefined) =>
  text ? <code className="font-mono text-[0.85rem]">{text}</code> : undefined;

export function ContainerOverview({ detail }: { detail: ContainerDetail }) {
  const command = [...detail.entrypoint, ...detail.cmd].join(' ') || detail.command;
  const labels = Object.entries(detail.labels).sort(([a], [b]) => a.localeCompare(b));
  const ports = formatPorts(detail.ports);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="Overview">
        <Facts
          rows={[
            ['State', <ContainerStateBadge key="s" state={detail.state} />],
            ['Status', detail.status],
            ['Image', mono(detail.image)],
            ['Command', mono(command)],
            ['Working dir', mono(detail.workingDir)],
            ['User', detail.user],
            ['Hostname', detail.hostname],
            ['Created', when(detail.createdAt)],
            ['Started', when(detail.startedAt)],
            ['Finished', detail.state === 'running' ? undefined : when(detail.finishedAt)],
            ['Exit code', detail.state === 'running' ? undefined : detail.exitCode],
            ['Restart policy', detail.restartPolicy],
            ['Restart count', detail.restartCount],
            ['Health', detail.health ? <ContainerHealthBadge health={detail.health} /> : undefined],
            ['ID', mono(detail.id.slice(0, 12))],
          ]}
        />
      </Section>
      <div className="flex flex-col gap-4">
        <Section title="Ports">
          {ports.length ? (
            <ul className="font-mono text-[0.85rem]">
              {ports.map((port) => (
                <li key={port}>{port}</li>
              ))}
            </ul>
          ) : (
            <p className="text-[0.9rem] text-muted">No published or exposed ports.</p>
          )}
        </Section>
        <Section title="Networks">
          {detail.networks.length ? (
            <div className="flex flex-wrap gap-1.5">
              {detail.networks.map((network) => (
                <Badge key={network}>{network}</Badge>
              ))}
            </div>
          ) : (
            <p className="text-[0.9rem] text-muted">Not attached to a network.</p>
          )}
        </Section>
        <Section title="Mounts">
          {detail.mounts.length ? (
            <ul className="flex flex-col gap-1.5 text-[0.88rem]">
              {detail.mounts.map((mount) => (
                <li key={mount.destination} className="flex flex-wrap items-center gap-2">
                  <Badge>{mount.type}</Badge>
                  <code className="font-mono">{mount.name ?? mount.source ?? '—'}</code>
                  <span className="text-muted">→</span>
                  <code className="font-mono">{mount.destination}</code>
                  {mount.readOnly ? <Badge tone="warning">read-only</Badge> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-[0.9rem] text-muted">No mounts.</p>
          )}
        </Section>
      </div>
      <Section title="Environment">
        {detail.env.length ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-[0.85rem]">
            {detail.env.map((variable) => (
              <div key={variable.name} className="contents">
                <dt className="font-semibold">{variable.name}</dt>
                <dd className="min-w-0 break-all">
                  {variable.masked ? (
                    <span
                      className="inline-flex items-center gap-1 text-muted"
                      title="Hidden: the name looks like a secret"
                    >
                      <Lock aria-label="masked" size={12} />
                      ***
                    </span>
                  ) : (
                    variable.value
                  )}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-[0.9rem] text-muted">No environment variables.</p>
        )}
      </Section>
      <Section title="Labels">
        {labels.length ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-[0.82rem]">
            {labels.map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="text-muted">{key}</dt>
                <dd className="min-w-0 break-all">{value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-[0.9rem] text-muted">No labels.</p>
        )}
      </Section>
    </div>
  );
}
