/**
 * Runs async critical sections one at a time. Account changes (seat cap, last-admin rule) read a
 * count and then write; serialising them in the one ArchNest process keeps both rules exact on
 * SQLite and PostgreSQL alike.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
