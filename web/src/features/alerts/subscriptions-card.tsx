import type { Subscription } from '@archnest/contract';
import { Mailbox } from 'lucide-react';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { Card, CardHeader } from '../../components/ui/card';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { useSaveSubscriptions, useSubscriptions } from './use-alerts';

/** Each user picks which rules reach which channels, on top of the rule's own channels. */
export function SubscriptionsCard() {
  const subs = useSubscriptions();
  const save = useSaveSubscriptions();
  const toggle = (current: Subscription[], s: Subscription, on: boolean) => {
    const next = current.filter((x) => !(x.ruleId === s.ruleId && x.channelId === s.channelId));
    if (on) next.push(s);
    save.mutate(next, { onError: (e) => toast.error(describeError(e)) });
  };
  return (
    <Card>
      <CardHeader
        title="My subscriptions"
        description="Which rules reach you, and through which channel. The bell shows every alert regardless."
      />
      <QueryStates query={subs} loadingLabel="Loading subscriptions" />
      {subs.isSuccess && (subs.data.rules.length === 0 || subs.data.channels.length === 0) ? (
        <EmptyState
          icon={<Mailbox size={28} strokeWidth={1.5} />}
          title="Nothing to subscribe to yet"
          description="An admin adds rules and channels in this tab."
        />
      ) : null}
      {subs.isSuccess && subs.data.rules.length > 0 && subs.data.channels.length > 0 ? (
        <Table aria-label="Subscriptions">
          <thead>
            <tr>
              <Th>Rule</Th>
              {subs.data.channels.map((c) => (
                <Th key={c.id}>{c.name}</Th>
              ))}
            </tr>
          </thead>
          <tbody>
            {subs.data.rules.map((r) => (
              <Tr key={r.id}>
                <Td className="font-medium">{r.name}</Td>
                {subs.data.channels.map((c) => {
                  const on = subs.data.subscriptions.some((s) => s.ruleId === r.id && s.channelId === c.id);
                  return (
                    <Td key={c.id}>
                      <input
                        type="checkbox"
                        aria-label={`${r.name} to ${c.name}`}
                        checked={on}
                        disabled={save.isPending}
                        onChange={(e) =>
                          toggle(subs.data.subscriptions, { ruleId: r.id, channelId: c.id }, e.target.checked)
                        }
                      />
                    </Td>
                  );
                })}
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </Card>
  );
}
