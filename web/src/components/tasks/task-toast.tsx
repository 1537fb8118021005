import type { GuestTask } from '@archnest/contract';
import { toast } from 'sonner';
import { guestTaskTitle } from './guest-task-text';

function LogTail({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return null;
  return (
    <pre
      data-task-log
      className="mt-1 max-w-[22rem] overflow-hidden font-mono text-[0.75rem] whitespace-pre-wrap"
    >
      {lines.slice(-3).join('\n')}
    </pre>
  );
}

/** One toast per task (keyed by its id): a spinner while it runs, then its outcome with the last log lines. */
export function showTaskToast(task: GuestTask): void {
  const options = { id: task.id, description: <LogTail lines={task.log} /> };
  const title = guestTaskTitle(task);
  if (task.state === 'running') toast.loading(title, options);
  else if (task.state === 'ok') toast.success(title, { ...options, duration: 8000 });
  else toast.error(title, { ...options, duration: 15000 });
}
