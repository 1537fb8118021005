import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads a CommonJS dependency the first time it is used. PostgreSQL, Docker and pty support each
 * cost megabytes of resident memory at start-up; an instance that never uses one should not pay.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
