import type { GuestTask } from '@archnest/contract';
import { ListChecks } from 'lucide-react';
import { guestActionLabels } from '../../components/tasks/guest-task-text';
import { Badge } from '../../components/ui/badge';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { formatDateTime } from '../../lib/format-time';
import { useGuestTasks } from './use-guest-tasks';
import { RelativeTime } from '../../components/ui/relative-time';

const stateBadge: Record<
  GuestTask['state'],
  { tone: 'accent' | 'success' | 'danger' | 'warning'; text: string }
> = {
  running: { tone: 'accent', text: 'running' },
  ok: { tone: 'success', text: 'OK' },
  failed: { tone: 'danger', text: 'failed' },
  lost: { tone: 'warning', text: 'unknown' },
};

function TaskRow({ task, now }: { task: GuestTask; now: number }) {
  const badge = stateBadge[task.state];
  const guest = task.guestName ?? `${task.guestType === 'qemu' ? 'VM' : 'CT'} ${task.vmid}`;
  return (
    <li
      data-task={task.id}
      data-task-state={task.state}
      className="flex flex-col gap-0.5 border-b border-border px-3 py-2 last:border-b-0"
    >
      <div className="flex flex-wrap items-center gap-2 text-[0.9rem]">
        <Badge tone={badge.tone}>{badge.text}</Badge>
        <span className="font-medium">
          {guestActionLabels[task.action]} {guest}
        </span>
        <span className="font-mono text-[0.78rem] text-muted">
          {task.guestType}/{task.vmid} on {task.node}
        </span>
        {task.ha ? <Badge>HA</Badge> : null}
        <span className="ml-auto text-[0.8rem] text-muted" title={formatDateTime(task.startedAt)}>
          {task.actor} · <RelativeTime iso={task.startedAt} now={now} />
        </span>
      </div>
      {task.state === 'failed' && task.exitStatus ? (
        <p className="text-[0.82rem] text-danger">{task.exitStatus}</p>
      ) : null}
      {task.log.length > 0 ? (
        <pre className="truncate font-mono text-[0.75rem] text-muted" title={task.log.join('\n')}>
          {task.log.at(-1)}
        </pre>
      ) : null}
    </li>
  );
}

/** The integration's recent power-action tasks, newest first, updated live. */
export function GuestTaskList({ integrationId, now }: { integrationId: string; now: number }) {
  const tasks = useGuestTasks(integrationId);
  return (
    <section aria-label="Recent tasks" className="flex flex-col gap-2">
      <h3 className="text-[0.95rem] font-semibold">Recent tasks</h3>
      <QueryStates query={tasks} loadingLabel="Loading tasks" />
      {tasks.data && tasks.data.length === 0 ? (
        <EmptyState
          icon={<ListChecks size={24} strokeWidth={1.5} />}
          title="No tasks yet"
          description="Power actions on this integration’s guests and their outcomes appear here."
        />
      ) : null}
      {tasks.data && tasks.data.length > 0 ? (
        <ul className="max-h-72 overflow-y-auto rounded-ui border border-border">
          {tasks.data.slice(0, 20).map((task) => (
            <TaskRow key={task.id} task={task} now={now} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
