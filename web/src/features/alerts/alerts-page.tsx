import { AlertEventKind, AlertSeverity, type AlertHistoryQuery } from '@archnest/contract';
import { BellOff, History } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { Input, Select } from '../../components/ui/input';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { useCurrentUser } from '../../lib/current-user-context';
import { kindLabels, kindTone, severityTone } from './alert-format';
import { useActiveAlerts, useAlertHistory, useAlertRules, useMuteAlert } from './use-alerts';
import { RelativeTime } from '../../components/ui/relative-time';

function ActiveAlertsCard() {
  const active = useActiveAlerts();
  const mute = useMuteAlert();
  const admin = useCurrentUser().role === 'admin';
  return (
    <Card>
      <CardHeader
        title="Active alerts"
        description="Pending (waiting out their rule's “for”) or firing now."
      />
      <QueryStates
        query={active}
        loadingLabel="Loading active alerts"
        empty={
          <EmptyState
            icon={<BellOff size={28} strokeWidth={1.5} />}
            title="All clear"
            description="No rule is pending or firing."
          />
        }
      />
      {active.isSuccess && active.data.length > 0 ? (
        <Table aria-label="Active alerts">
          <thead>
            <tr>
              <Th>Status</Th>
              <Th>Rule</Th>
              <Th>Subject</Th>
              <Th>Message</Th>
              <Th>Since</Th>
              {admin ? <Th className="w-28">Mute</Th> : null}
            </tr>
          </thead>
          <tbody>
            {active.data.map((a) => (
              <Tr key={a.id}>
                <Td>
                  <Badge tone={a.status === 'firing' ? 'danger' : 'warning'}>{a.status}</Badge>
                  {a.mutedUntil ? <span className="ml-1 text-[0.8rem] text-muted">muted</span> : null}
                </Td>
                <Td className="font-medium">{a.ruleName}</Td>
                <Td>
                  {a.subjectName}
                  <span className="block text-[0.8rem] text-muted">{a.host}</span>
                </Td>
                <Td>{a.message}</Td>
                <Td>
                  <RelativeTime iso={a.since} />
                </Td>
                {admin ? (
                  <Td>
                    <Button
                      size="sm"
                      onClick={() =>
                        mute.mutate({
                          id: a.id,
                          until: a.mutedUntil ? null : new Date(Date.now() + 3_600_000).toISOString(),
                        })
                      }
                    >
                      {a.mutedUntil ? 'Unmute' : 'Mute 1 h'}
                    </Button>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </Card>
  );
}

function HistoryCard() {
  const rules = useAlertRules();
  const [filters, setFilters] = useState<AlertHistoryQuery>({ limit: 100 });
  const history = useAlertHistory(filters);
  const set = (patch: Partial<AlertHistoryQuery>) => {
    const next: AlertHistoryQuery = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof AlertHistoryQuery)[]) {
      if (next[key] === '' || next[key] === undefined) delete next[key];
    }
    setFilters(next);
  };
  return (
    <Card>
      <CardHeader title="History" description="Every alert that fired, repeated or resolved, newest first." />
      <div className="flex flex-wrap gap-2 px-5 pb-3">
        <Select
          aria-label="Rule"
          value={filters.ruleId ?? ''}
          onChange={(e) => set({ ruleId: e.target.value })}
        >
          <option value="">All rules</option>
          {rules.data?.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Event"
          value={filters.kind ?? ''}
          onChange={(e) => set({ kind: (e.target.value || undefined) as AlertHistoryQuery['kind'] })}
        >
          <option value="">All events</option>
          {AlertEventKind.options.map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Severity"
          value={filters.severity ?? ''}
          onChange={(e) => set({ severity: (e.target.value || undefined) as AlertHistoryQuery['severity'] })}
        >
          <option value="">Any severity</option>
          {AlertSeverity.options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        <Input
          aria-label="Search subject or host"
          placeholder="Subject or host…"
          className="w-56"
          value={filters.q ?? ''}
          onChange={(e) => set({ q: e.target.value })}
        />
      </div>
      <QueryStates query={history} loadingLabel="Loading history" />
      {history.isSuccess && history.data.events.length === 0 ? (
        <EmptyState
          icon={<History size={28} strokeWidth={1.5} />}
          title="No alerts"
          description="Nothing matches these filters."
        />
      ) : null}
      {history.isSuccess && history.data.events.length > 0 ? (
        <Table aria-label="Alert history">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Event</Th>
              <Th>Rule</Th>
              <Th>Subject</Th>
              <Th>Message</Th>
            </tr>
          </thead>
          <tbody>
            {history.data.events.map((e) => (
              <Tr key={e.id}>
                <Td className="whitespace-nowrap" title={formatDateTime(e.at)}>
                  <RelativeTime iso={e.at} />
                </Td>
                <Td>
                  <Badge tone={kindTone(e.kind)}>{kindLabels[e.kind]}</Badge>
                </Td>
                <Td>
                  {e.ruleName} <Badge tone={severityTone(e.severity)}>{e.severity}</Badge>
                </Td>
                <Td>
                  {e.subjectName}
                  <span className="block text-[0.8rem] text-muted">{e.host}</span>
                </Td>
                <Td>{e.message}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </Card>
  );
}

export function AlertsPage() {
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-[1.6rem] font-semibold tracking-tight">Alerts</h1>
        <p className="text-muted">
          What is wrong now, and what was. Rules and channels live in Settings › Notifications.
        </p>
      </div>
      <ActiveAlertsCard />
      <HistoryCard />
    </div>
  );
}
