import type { AlertRule } from '@archnest/contract';
import { BellRing, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { severityTone } from './alert-format';
import { RuleFormDialog } from './rule-form-dialog';
import { describeCondition, describeScope } from './rule-format';
import { useAlertRules, useDeleteRule, useSaveRule } from './use-alerts';

export function RulesCard() {
  const rules = useAlertRules();
  const save = useSaveRule();
  const remove = useDeleteRule();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<AlertRule | null>(null);
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  return (
    <Card>
      <CardHeader
        title="Rules"
        description="Evaluated on every poll the Infrastructure page already makes. A container labelled archnest.alert=false is never alerted on."
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            <Plus aria-hidden size={16} />
            New rule
          </Button>
        }
      />
      <QueryStates
        query={rules}
        loadingLabel="Loading rules"
        empty={
          <EmptyState
            icon={<BellRing size={28} strokeWidth={1.5} />}
            title="No rules yet"
            description="Add one to be told when a container dies, a node goes offline or a monitor is down."
          />
        }
      />
      {rules.isSuccess && rules.data.length > 0 ? (
        <Table aria-label="Alert rules">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Condition</Th>
              <Th>Scope</Th>
              <Th>Timing</Th>
              <Th className="w-40">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((r) => (
              <Tr key={r.id}>
                <Td className="font-medium">
                  {r.name} <Badge tone={severityTone(r.severity)}>{r.severity}</Badge>
                </Td>
                <Td>{describeCondition(r)}</Td>
                <Td>{describeScope(r)}</Td>
                <Td className="text-[0.85rem] text-muted">
                  fire after {r.forSeconds} s · resolve after {r.resolveAfterSeconds} s
                  {r.repeatMinutes ? ` · repeat ${r.repeatMinutes} min` : ''}
                </Td>
                <Td className="text-right whitespace-nowrap">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Edit ${r.name}`}
                    onClick={() => setEditing(r)}
                  >
                    <Pencil aria-hidden size={14} />
                  </Button>{' '}
                  <Button size="sm" onClick={() => save.mutate({ id: r.id, body: { enabled: !r.enabled } })}>
                    {r.enabled ? 'Disable' : 'Enable'}
                  </Button>{' '}
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Delete ${r.name}`}
                    onClick={() => setDeleting(r)}
                  >
                    <Trash2 aria-hidden size={14} />
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {adding ? <RuleFormDialog onClose={() => setAdding(false)} /> : null}
      {editing ? <RuleFormDialog rule={editing} onClose={() => setEditing(null)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          description="Its active alerts and subscriptions go; its history stays."
          confirmLabel="Delete rule"
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
