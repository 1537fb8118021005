/** Runs at most `concurrency` tasks at once; the rest wait their turn in order. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** `work` over every item with at most `concurrency` in flight; results in the items' order. */
export function mapLimited<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>) {
  const limiter = new Limiter(concurrency);
  return Promise.all(items.map((item) => limiter.run(() => work(item))));
}
