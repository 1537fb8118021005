import { AlertTriangle, Inbox } from 'lucide-react';
import type { ReactNode } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from './button';

export function EmptyState({
  title,
  description,
  icon,
}: {
  title: string;
  description?: string;
  icon?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center gap-1.5 px-6 py-10 text-center">
      <div className="mb-1 text-muted">{icon ?? <Inbox aria-hidden size={28} strokeWidth={1.5} />}</div>
      <p className="font-medium">{title}</p>
      {description ? <p className="max-w-sm text-[0.9rem] text-muted">{description}</p> : null}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="flex flex-col items-center gap-2 px-6 py-10 text-center">
      <AlertTriangle aria-hidden size={28} strokeWidth={1.5} className="text-danger" />
      <p className="font-medium">Could not load this</p>
      <p className="max-w-sm text-[0.9rem] text-muted">{describeError(error)}</p>
      {onRetry ? (
        <Button size="sm" onClick={onRetry} className="mt-1">
          Try again
        </Button>
      ) : null}
    </div>
  );
}

export function Skeleton({ className = 'h-4 w-full' }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded-ui-sm bg-surface-2 ${className}`} />;
}

export function LoadingRows({ rows = 4, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="flex flex-col gap-3 px-5 py-5">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={i % 2 ? 'h-4 w-3/4' : 'h-4 w-full'} />
      ))}
    </div>
  );
}

/** What a card needs from a query to draw its loading, error and empty states. */
export interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/**
 * The loading, error and empty states of a card's list, drawn the same way everywhere: skeleton rows
 * while it loads, the error with "Try again", and `empty` once the list came back with nothing in
 * it. The card draws the list itself when there is one.
 */
export function QueryStates<T>({
  query,
  loadingLabel,
  empty,
  isEmpty = (data) => Array.isArray(data) && data.length === 0,
}: {
  query: QueryLike<T>;
  loadingLabel: string;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
}) {
  if (query.isPending) return <LoadingRows label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isSuccess && empty && query.data !== undefined && isEmpty(query.data)) return <>{empty}</>;
  return null;
}
