import type { LogChunk } from '@archnest/contract';

export const MAX_LOG_LINES = 5_000;

export interface LogLine {
  id: number;
  stream: LogChunk['stream'];
  text: string;
}

/** Complete lines, plus each stream's unfinished last line (a chunk need not end at a newline). */
export interface LogLines {
  lines: LogLine[];
  pending: Record<LogChunk['stream'], string>;
  nextId: number;
}

export const emptyLogLines: LogLines = { lines: [], pending: { stdout: '', stderr: '' }, nextId: 0 };

/** Appends chunks and keeps only the newest `max` lines, so a chatty container cannot fill memory. */
export function appendChunks(state: LogLines, chunks: LogChunk[], max = MAX_LOG_LINES): LogLines {
  const added: LogLine[] = [];
  const pending = { ...state.pending };
  let nextId = state.nextId;
  for (const chunk of chunks) {
    const parts = (pending[chunk.stream] + chunk.text).split('\n');
    pending[chunk.stream] = parts.pop() ?? '';
    for (const part of parts)
      added.push({ id: nextId++, stream: chunk.stream, text: part.replace(/\r$/, '') });
  }
  const lines = added.length ? [...state.lines, ...added].slice(-max) : state.lines;
  return { lines, pending, nextId };
}

/** Turns unfinished lines into lines: the log ended, or a full answer arrived. */
export function flushPending(state: LogLines): LogLines {
  const tail = (['stdout', 'stderr'] as const)
    .filter((stream) => state.pending[stream] !== '')
    .map((stream) => ({ stream, text: `${state.pending[stream]}\n` }));
  return tail.length ? appendChunks({ ...state, pending: { stdout: '', stderr: '' } }, tail) : state;
}

/** With `timestamps=true` Docker starts each line with an RFC 3339 time and a space. */
export function splitTimestamp(text: string): [string | null, string] {
  const match = /^(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)) (.*)$/s.exec(text);
  return match ? [match[1] ?? null, match[2] ?? ''] : [null, text];
}
