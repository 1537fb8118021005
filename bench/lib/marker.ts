/**
 * Finds a marker in a byte stream that arrives in chunks of any size, without keeping the stream:
 * only the last `marker.length - 1` bytes carry over from one chunk to the next.
 */
export class MarkerScanner {
  private tail = '';

  constructor(private readonly marker: string) {}

  /** True once the marker has appeared; pass every chunk in order. */
  push(chunk: Buffer | string): boolean {
    const text = this.tail + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
    if (text.includes(this.marker)) return true;
    this.tail = text.slice(-(this.marker.length - 1));
    return false;
  }
}

let counter = 0;

/**
 * A command suffix and the marker it prints. The shell echoes the typed line, so the marker is
 * computed by the shell (`$((a+b))`) and never appears in the echo.
 */
export function doneMarker(): { suffix: string; marker: string } {
  counter++;
  const a = 1000 + Math.floor(Math.random() * 9000);
  return { suffix: `; echo __BENCH_$((${a}+${counter}))__`, marker: `__BENCH_${a + counter}__` };
}
