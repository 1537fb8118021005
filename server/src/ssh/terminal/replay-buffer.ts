/**
 * The last `capacity` bytes a session printed, so a reattaching browser gets its scrollback.
 * Chunks are kept as received (no copying on the hot path); whole chunks fall off the front.
 */
export class ReplayBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly capacity: number) {}

  push(chunk: Buffer): void {
    if (chunk.length >= this.capacity) {
      this.chunks = [chunk.subarray(chunk.length - this.capacity)];
      this.size = this.capacity;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.capacity) {
      const first = this.chunks[0]!;
      const excess = this.size - this.capacity;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
  }

  get length(): number {
    return this.size;
  }

  /** A copy of the contents in order, in chunks of at most `maxChunk` bytes. */
  snapshot(maxChunk = 64 * 1024): Buffer[] {
    const all = Buffer.concat(this.chunks, this.size);
    const out: Buffer[] = [];
    for (let i = 0; i < all.length; i += maxChunk) out.push(all.subarray(i, i + maxChunk));
    return out;
  }
}
