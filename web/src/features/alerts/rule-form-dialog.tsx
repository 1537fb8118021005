import {
  AlertSeverity,
  type AlertRule,
  ConditionKind,
  type AlertCondition,
  type AlertScope,
  type CreateRuleBody,
} from '@archnest/contract';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { SelectField } from '../../components/ui/select-field';
import { conditionLabels } from './rule-format';
import { useAlertChannels, useSaveRule } from './use-alerts';

function buildCondition(
  kind: ConditionKind,
  values: { percent: string; restarts: string; windowMinutes: string },
): AlertCondition {
  switch (kind) {
    case 'container_cpu_above':
    case 'container_memory_above':
      return { kind, percent: Number(values.percent) };
    case 'container_restart_loop':
      return { kind, restarts: Number(values.restarts), windowMinutes: Number(values.windowMinutes) };
    case 'container_exited':
    case 'container_unhealthy':
    case 'agent_host_stale':
    case 'source_failing':
    case 'proxmox_node_offline':
    case 'proxmox_guest_stopped':
    case 'kuma_monitor_down':
    case 'ssh_host_unreachable':
      return { kind };
  }
}

function buildScope(type: AlertScope['type'], value: string): AlertScope {
  if (type === 'host') return { type, host: value };
  if (type === 'name') return { type, pattern: value };
  if (type === 'label') return { type, label: value };
  return { type: 'all' };
}

/** A new rule: what to watch, where, how long before firing and clearing, and where to send it. */
function scopeValueOf(scope: AlertScope): string {
  if (scope.type === 'host') return scope.host;
  if (scope.type === 'name') return scope.pattern;
  if (scope.type === 'label') return scope.label;
  return '';
}

/** A rule, new or edited: what to watch, where, how long before firing and clearing, where to send it. */
export function RuleFormDialog({ rule, onClose }: { rule?: AlertRule; onClose: () => void }) {
  const save = useSaveRule();
  const channels = useAlertChannels(true);
  const c = rule?.condition;
  const [name, setName] = useState(rule?.name ?? '');
  const [kind, setKind] = useState<ConditionKind>(c?.kind ?? 'container_exited');
  const [params, setParams] = useState({
    percent: String(c && 'percent' in c ? c.percent : 90),
    restarts: String(c && 'restarts' in c ? c.restarts : 3),
    windowMinutes: String(c && 'windowMinutes' in c ? c.windowMinutes : 10),
  });
  const [scopeType, setScopeType] = useState<AlertScope['type']>(rule?.scope.type ?? 'all');
  const [scopeValue, setScopeValue] = useState(rule ? scopeValueOf(rule.scope) : '');
  const [severity, setSeverity] = useState<AlertSeverity>(rule?.severity ?? 'warning');
  const [forSeconds, setForSeconds] = useState(String(rule?.forSeconds ?? 0));
  const [resolveAfter, setResolveAfter] = useState(String(rule?.resolveAfterSeconds ?? 60));
  const [repeat, setRepeat] = useState(String(rule?.repeatMinutes ?? 0));
  const [channelIds, setChannelIds] = useState<string[]>(rule?.channelIds ?? []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: CreateRuleBody = {
      name,
      condition: buildCondition(kind, params),
      scope: buildScope(scopeType, scopeValue),
      severity,
      forSeconds: Number(forSeconds),
      resolveAfterSeconds: Number(resolveAfter),
      repeatMinutes: Number(repeat),
      channelIds,
    };
    save.mutate(rule ? { id: rule.id, body } : { id: null, body }, { onSuccess: onClose });
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={rule ? `Edit ${rule.name}` : 'New alert rule'}
      size="lg"
    >
      <form onSubmit={submit} className="grid grid-cols-2 gap-4">
        <TextField
          className="col-span-2"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <SelectField
          className="col-span-2"
          label="Condition"
          value={kind}
          onChange={(e) => setKind(e.target.value as ConditionKind)}
        >
          {ConditionKind.options.map((k) => (
            <option key={k} value={k}>
              {conditionLabels[k]}
            </option>
          ))}
        </SelectField>
        {kind === 'container_cpu_above' || kind === 'container_memory_above' ? (
          <TextField
            label={kind === 'container_cpu_above' ? 'CPU above (%)' : 'Memory above (% of limit)'}
            type="number"
            min={1}
            value={params.percent}
            onChange={(e) => setParams({ ...params, percent: e.target.value })}
          />
        ) : null}
        {kind === 'container_restart_loop' ? (
          <>
            <TextField
              label="Restarts"
              type="number"
              min={2}
              value={params.restarts}
              onChange={(e) => setParams({ ...params, restarts: e.target.value })}
            />
            <TextField
              label="Within (minutes)"
              type="number"
              min={1}
              value={params.windowMinutes}
              onChange={(e) => setParams({ ...params, windowMinutes: e.target.value })}
            />
          </>
        ) : null}
        <SelectField
          label="Applies to"
          value={scopeType}
          onChange={(e) => setScopeType(e.target.value as AlertScope['type'])}
        >
          <option value="all">Everything</option>
          <option value="host">A host (glob)</option>
          <option value="name">Names matching (glob)</option>
          <option value="label">A label (key or key=value)</option>
        </SelectField>
        {scopeType !== 'all' ? (
          <TextField
            label="Match"
            value={scopeValue}
            onChange={(e) => setScopeValue(e.target.value)}
            required
            placeholder={scopeType === 'label' ? 'tier=front' : 'web-*'}
          />
        ) : (
          <div />
        )}
        <SelectField
          label="Severity"
          value={severity}
          onChange={(e) => setSeverity(e.target.value as AlertSeverity)}
        >
          {AlertSeverity.options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Fire after (seconds)"
          type="number"
          min={0}
          value={forSeconds}
          onChange={(e) => setForSeconds(e.target.value)}
        />
        <TextField
          label="Resolve after clear for (seconds)"
          type="number"
          min={0}
          value={resolveAfter}
          onChange={(e) => setResolveAfter(e.target.value)}
        />
        <TextField
          label="Repeat every (minutes, 0 = never)"
          type="number"
          min={0}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
        <fieldset className="col-span-2 flex flex-col gap-1.5">
          <legend className="mb-1 text-[0.9rem] font-medium">Send to</legend>
          {channels.data?.length === 0 ? (
            <p className="text-muted">No channels yet: the bell still shows every alert.</p>
          ) : null}
          {channels.data?.map((c) => (
            <label key={c.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={channelIds.includes(c.id)}
                onChange={(e) =>
                  setChannelIds((ids) =>
                    e.target.checked ? [...ids, c.id] : ids.filter((id) => id !== c.id),
                  )
                }
              />
              {c.name}
            </label>
          ))}
        </fieldset>
        {save.isError ? (
          <p role="alert" className="col-span-2 text-danger">
            {describeError(save.error)}
          </p>
        ) : null}
        <div className="col-span-2">
          <DialogFooter>
            <Button type="button" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={save.isPending}>
              {rule ? 'Save rule' : 'Add rule'}
            </Button>
          </DialogFooter>
        </div>
      </form>
    </Dialog>
  );
}
