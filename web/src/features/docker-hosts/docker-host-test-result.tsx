import type { EndpointResponse, endpoints } from '@archnest/contract';
import { CheckCircle2, CircleDashed, XCircle } from 'lucide-react';
import { describeError } from '../../api/api-error';
import { cn } from '../../lib/cn';

type DockerHostTestResult = EndpointResponse<typeof endpoints.testDockerHost>;

interface TestOutcomeProps {
  pending: boolean;
  result: DockerHostTestResult | undefined;
  error: unknown;
  compact?: boolean;
}

/** The answer of `testDockerHost`, inline where the test was started. */
export function DockerHostTestOutcome({ pending, result, error, compact }: TestOutcomeProps) {
  if (pending)
    return (
      <p role="status" className="flex items-center gap-1.5 text-[0.88rem] text-muted">
        <CircleDashed aria-hidden size={15} className="animate-spin" />
        Testing…
      </p>
    );
  if (!result && !error) return null;
  const ok = result?.ok ?? false;
  const title = result
    ? ok
      ? `Connected${result.containers !== null ? ` · ${result.containers} containers` : ''}`
      : 'Connection failed'
    : 'Test failed';
  const detail = result ? `${result.message} · ${Math.round(result.durationMs)} ms` : describeError(error);
  return (
    <div
      role="status"
      className={cn(
        'flex items-start gap-2 rounded-ui-sm border text-[0.88rem]',
        compact ? 'border-transparent' : 'px-3 py-2',
        ok ? 'border-success/35 bg-success/10 text-success' : 'border-danger/35 bg-danger/10 text-danger',
        compact && 'bg-transparent',
      )}
    >
      {ok ? (
        <CheckCircle2 aria-hidden size={16} className="mt-0.5 shrink-0" />
      ) : (
        <XCircle aria-hidden size={16} className="mt-0.5 shrink-0" />
      )}
      <div className="min-w-0">
        <p className="font-medium">{title}</p>
        <p className={cn('opacity-90', compact && 'max-w-72 truncate')} title={detail}>
          {detail}
        </p>
      </div>
    </div>
  );
}
