import type { Channel } from '@archnest/contract';
import { Plus, Send, Trash2, Webhook } from 'lucide-react';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState, ErrorState, LoadingRows, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { channelKindLabels } from './channel-fields';
import { ChannelFormDialog } from './channel-form-dialog';
import { useAlertChannels, useDeleteChannel, useDeliveries, useTestChannel } from './use-alerts';
import { RelativeTime } from '../../components/ui/relative-time';

const statusTone = { sent: 'success', failed: 'danger', retrying: 'warning', queued: 'neutral' } as const;

function DeliveryLog({ channel }: { channel: Channel }) {
  const log = useDeliveries(channel.id);
  if (log.isPending) return <LoadingRows rows={2} label="Loading deliveries" />;
  if (log.isError) return <ErrorState error={log.error} onRetry={() => void log.refetch()} />;
  if (log.data.length === 0) return <p className="px-5 py-3 text-muted">Nothing sent yet.</p>;
  return (
    <Table aria-label={`Deliveries of ${channel.name}`}>
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Message</Th>
          <Th>Status</Th>
          <Th>Attempts</Th>
          <Th>Error</Th>
        </tr>
      </thead>
      <tbody>
        {log.data.map((d) => (
          <Tr key={d.id}>
            <Td>
              <RelativeTime iso={d.createdAt} />
            </Td>
            <Td>{d.title}</Td>
            <Td>
              <Badge tone={statusTone[d.status]}>{d.status}</Badge>
              {d.httpStatus !== null ? <span className="ml-1 text-muted">HTTP {d.httpStatus}</span> : null}
            </Td>
            <Td>{d.attempts}</Td>
            <Td className="text-danger">{d.error ?? ''}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Admins' channels: add, test (through the real queue), read the delivery log, remove. */
export function ChannelsCard() {
  const channels = useAlertChannels(true);
  const test = useTestChannel();
  const remove = useDeleteChannel();
  const [adding, setAdding] = useState(false);
  const [logFor, setLogFor] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Channel | null>(null);
  const [result, setResult] = useState<{ id: string; text: string; ok: boolean } | null>(null);

  const runTest = (channel: Channel) => {
    setResult(null);
    test.mutate(channel.id, {
      onSuccess: ({ delivery }) =>
        setResult({
          id: channel.id,
          ok: delivery.status === 'sent',
          text:
            delivery.status === 'sent'
              ? `Test sent${delivery.httpStatus ? ` (HTTP ${delivery.httpStatus})` : ''}.`
              : `Test failed after ${delivery.attempts} attempt(s): ${delivery.error ?? 'unknown error'}`,
        }),
      onError: (error) => setResult({ id: channel.id, ok: false, text: describeError(error) }),
    });
  };

  return (
    <Card>
      <CardHeader
        title="Channels"
        description="Where alerts are delivered. Secrets are sealed and never shown again."
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            <Plus aria-hidden size={16} />
            New channel
          </Button>
        }
      />
      <QueryStates
        query={channels}
        loadingLabel="Loading channels"
        empty={
          <EmptyState
            icon={<Webhook size={28} strokeWidth={1.5} />}
            title="No channels yet"
            description="Add a webhook, ntfy, Gotify, Discord, Slack, Telegram or e-mail channel."
          />
        }
      />
      {channels.isSuccess && channels.data.length > 0 ? (
        <Table aria-label="Channels">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Kind</Th>
              <Th>Target</Th>
              <Th>Secrets</Th>
              <Th className="w-72">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {channels.data.map((c) => (
              <Tr key={c.id}>
                <Td className="font-medium">
                  {c.name}
                  {!c.enabled ? <Badge className="ml-1">disabled</Badge> : null}
                  {result?.id === c.id ? (
                    <p role="status" className={result.ok ? 'text-success' : 'text-danger'}>
                      {result.text}
                    </p>
                  ) : null}
                  {logFor === c.id ? <DeliveryLog channel={c} /> : null}
                </Td>
                <Td>{channelKindLabels[c.kind]}</Td>
                <Td className="text-muted">{c.target}</Td>
                <Td>
                  {c.secretsSet.map((s) => (
                    <Badge key={s} tone="success" className="mr-1">
                      {s} set
                    </Badge>
                  ))}
                </Td>
                <Td className="text-right whitespace-nowrap">
                  <Button
                    size="sm"
                    onClick={() => runTest(c)}
                    disabled={test.isPending}
                    aria-label={`Test ${c.name}`}
                  >
                    <Send aria-hidden size={14} />
                    Test
                  </Button>{' '}
                  <Button size="sm" onClick={() => setLogFor(logFor === c.id ? null : c.id)}>
                    {logFor === c.id ? 'Hide log' : 'Log'}
                  </Button>{' '}
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Delete ${c.name}`}
                    onClick={() => setDeleting(c)}
                  >
                    <Trash2 aria-hidden size={14} />
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {adding ? <ChannelFormDialog onClose={() => setAdding(false)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          description="Its delivery log and any queued deliveries go with it; rules and subscriptions stop using it."
          confirmLabel="Delete channel"
          pending={remove.isPending}
          error={remove.isError ? describeError(remove.error) : null}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
          onClose={() => {
            remove.reset();
            setDeleting(null);
          }}
        />
      ) : null}
    </Card>
  );
}
