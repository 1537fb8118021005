import { ErrorState } from './states';
import { Logo } from './logo';

export function FullPageLoading() {
  return (
    <div role="status" aria-label="Loading" className="flex min-h-screen items-center justify-center bg-bg">
      <div className="animate-pulse">
        <Logo size={40} />
      </div>
    </div>
  );
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="flex min-h-screen items-center justify-center bg-bg">
      <ErrorState error={error} onRetry={onRetry} />
    </div>
  );
}
