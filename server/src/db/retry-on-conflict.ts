/** PostgreSQL's answers for a transaction that lost a race and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && RETRYABLE.has(String(error.code));
}

/**
 * Runs a write transaction again when the database chose it as the loser of a deadlock (two requests
 * locking the same rows in opposite orders, e.g. granting a user while that user is deleted). The
 * next run sees the other side's result and fails or succeeds on its own terms.
 */
export async function retryOnConflict<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
    }
  }
}
