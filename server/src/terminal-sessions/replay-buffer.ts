/**
 * The last `capacity` bytes a session printed, so a reattaching browser gets its scrollback.
 *
 * Bytes are copied into one ring allocated up front rather than kept as the chunks ssh2 hands over:
 * a kept chunk outlives a few garbage collections, is promoted to the old generation, and once it
 * falls out of the buffer waits for a full collection — which a steady stream of output rarely
 * triggers, so tens of megabytes of dead chunks piled up under a flood. A copy lets every chunk die
 * young; the ring's memory is fixed per session.
 */
export class ReplayBuffer {
  private ring: Buffer | undefined;
  /** Where the next byte goes. */
  private head = 0;
  private size = 0;

  constructor(private readonly capacity: number) {}

  push(chunk: Buffer): void {
    if (this.capacity === 0 || chunk.length === 0) return;
    // Allocated on first output: a session that prints nothing costs nothing.
    const ring = (this.ring ??= Buffer.allocUnsafe(this.capacity));
    const data = chunk.length > this.capacity ? chunk.subarray(chunk.length - this.capacity) : chunk;
    const first = Math.min(data.length, this.capacity - this.head);
    data.copy(ring, this.head, 0, first);
    if (first < data.length) data.copy(ring, 0, first);
    this.head = (this.head + data.length) % this.capacity;
    this.size = Math.min(this.capacity, this.size + data.length);
  }

  get length(): number {
    return this.size;
  }

  /** A copy of the contents in order, in chunks of at most `maxChunk` bytes. */
  snapshot(maxChunk = 64 * 1024): Buffer[] {
    if (!this.ring || this.size === 0) return [];
    const start = (this.head - this.size + this.capacity) % this.capacity;
    const all =
      start + this.size <= this.capacity
        ? Buffer.from(this.ring.subarray(start, start + this.size))
        : Buffer.concat([this.ring.subarray(start), this.ring.subarray(0, this.head)], this.size);
    const out: Buffer[] = [];
    for (let i = 0; i < all.length; i += maxChunk) out.push(all.subarray(i, i + maxChunk));
    return out;
  }
}
