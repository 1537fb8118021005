import type { Readable } from 'node:stream';
import type { LogChunk, LogStream } from './container-source';

/*
 * The Engine API sends a container's logs in 8-byte-header frames ([stream, 0, 0, 0, size32BE]) when
 * the container has no TTY, and as raw bytes when it has one. Frames can be split across chunks of a
 * followed stream, so the reader keeps what it has not finished.
 */
export class LogFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly tty: boolean) {}

  push(data: Buffer): LogChunk[] {
    if (this.tty) return data.length ? [{ stream: 'stdout', text: data.toString('utf8') }] : [];
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    const chunks: LogChunk[] = [];
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const kind = this.pending[0];
      const text = this.pending.subarray(8, 8 + size).toString('utf8');
      // 0 is stdin (never sent for logs); 2 is stderr; everything else is shown as stdout.
      chunks.push({ stream: kind === 2 ? 'stderr' : 'stdout', text });
      this.pending = this.pending.subarray(8 + size);
    }
    return chunks;
  }
}

/** A followed log over a byte stream: frames decoded, listeners told once about the end. */
export function logStreamOver(source: Readable, reader: { push(data: Buffer): LogChunk[] }): LogStream {
  const chunkListeners: ((chunk: LogChunk) => void)[] = [];
  const endListeners: ((error?: Error) => void)[] = [];
  let ended: { error?: Error } | undefined;
  let closing = false;
  const end = (error?: Error) => {
    if (ended) return;
    ended = closing || !error ? {} : { error };
    for (const listener of endListeners.splice(0)) listener(ended.error);
  };
  source.on('data', (data: Buffer) => {
    for (const chunk of reader.push(data)) for (const listener of chunkListeners) listener(chunk);
  });
  source.once('end', () => end());
  source.once('close', () => end());
  source.once('error', (error: Error) => end(error));
  return {
    onChunk(listener) {
      chunkListeners.push(listener);
    },
    onEnd(listener) {
      if (ended) listener(ended.error);
      else endListeners.push(listener);
    },
    close() {
      closing = true;
      source.destroy();
      end();
    },
  };
}
