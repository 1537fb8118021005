import { Radio, RefreshCw, Search } from 'lucide-react';
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import { SwitchField } from '../../components/ui/switch';
import { cn } from '../../lib/cn';
import {
  appendChunks,
  emptyLogLines,
  flushPending,
  MAX_LOG_LINES,
  splitTimestamp,
  type LogLines,
} from './log-lines';
import { useContainerLogs } from './use-containers';
import { LogDownload } from './log-download';
import { useLogFollow } from './use-log-follow';

function highlight(text: string, query: string): ReactNode {
  if (!query) return text;
  const lower = text.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(query); at !== -1; at = lower.indexOf(query, from)) {
    parts.push(
      text.slice(from, at),
      <mark key={at} className="rounded-sm bg-warning/35 text-fg">
        {text.slice(at, at + query.length)}
      </mark>,
    );
    from = at + query.length;
  }
  parts.push(text.slice(from));
  return parts.map((part, index) => <Fragment key={index}>{part}</Fragment>);
}

export function ContainerLogs({ hostId, name }: { hostId: string; name: string }) {
  const [timestamps, setTimestamps] = useState(false);
  const [follow, setFollow] = useState(false);
  const [query, setQuery] = useState('');
  const [log, setLog] = useState<LogLines>(emptyLogLines);
  const tail = useContainerLogs(hostId, name, timestamps, !follow);
  const view = useRef<HTMLDivElement>(null);
  const stickToEnd = useRef(true);

  // The tail answer is complete, so unfinished lines are lines too.
  useEffect(() => {
    if (!follow && tail.data) setLog(flushPending(appendChunks(emptyLogLines, tail.data)));
  }, [follow, tail.data]);

  const followState = useLogFollow({
    hostId,
    ref: name,
    timestamps,
    enabled: follow,
    onStart: useCallback(() => setLog(emptyLogLines), []),
    onChunks: useCallback((chunks) => setLog((old) => appendChunks(old, chunks)), []),
  });

  const needle = query.trim().toLowerCase();
  const lines = useMemo(
    () => (needle ? log.lines.filter((line) => line.text.toLowerCase().includes(needle)) : log.lines),
    [log.lines, needle],
  );

  // New lines scroll into view unless the user scrolled up to read.
  useEffect(() => {
    const element = view.current;
    if (element && stickToEnd.current) element.scrollTop = element.scrollHeight;
  }, [lines]);

  return (
    <Card className="flex flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-border px-4 py-3">
        <div className="relative w-full max-w-64">
          <Search aria-hidden size={15} className="absolute top-1/2 left-3 -translate-y-1/2 text-muted" />
          <Input
            type="search"
            aria-label="Search logs"
            placeholder="Filter lines"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="pl-8"
          />
        </div>
        <div className="whitespace-nowrap [&>div]:gap-3">
          <SwitchField label="Follow" checked={follow} onCheckedChange={setFollow} />
        </div>
        <div className="whitespace-nowrap [&>div]:gap-3">
          <SwitchField label="Timestamps" checked={timestamps} onCheckedChange={setTimestamps} />
        </div>
        <span className="flex-1" />
        <span className="text-[0.85rem] text-muted tabular-nums" aria-live="polite">
          {followState.status === 'live' ? (
            <span className="inline-flex items-center gap-1 text-success">
              <Radio aria-hidden size={14} />
              following
            </span>
          ) : followState.status === 'connecting' ? (
            'connecting…'
          ) : null}
          {needle ? ` ${lines.length} of ${log.lines.length} lines` : ` ${log.lines.length} lines`}
        </span>
        {!follow ? (
          <Button size="icon" variant="ghost" aria-label="Reload logs" onClick={() => void tail.refetch()}>
            <RefreshCw aria-hidden size={16} className={tail.isFetching ? 'animate-spin' : undefined} />
          </Button>
        ) : null}
      </div>
      {followState.status === 'ended' ? (
        <p
          role="status"
          className="border-b border-border bg-warning/10 px-4 py-2 text-[0.88rem] text-warning"
        >
          {followState.message}
        </p>
      ) : null}
      {!follow && tail.isPending ? <LoadingRows label="Loading logs" /> : null}
      {!follow && tail.isError ? <ErrorState error={tail.error} onRetry={() => void tail.refetch()} /> : null}
      {follow || tail.isSuccess ? (
        <div
          ref={view}
          role="log"
          aria-label="Container log"
          tabIndex={0}
          onScroll={(e) => {
            const el = e.currentTarget;
            stickToEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
          className="h-[min(60vh,36rem)] overflow-auto bg-[var(--terminal-bg)] px-4 py-2 font-mono text-[0.82rem] leading-5"
        >
          {lines.length === 0 ? (
            <p className="py-6 text-center font-sans text-muted">
              {log.lines.length ? 'No line matches.' : follow ? 'Waiting for output…' : 'The log is empty.'}
            </p>
          ) : (
            lines.map((line) => {
              const [time, text] = timestamps ? splitTimestamp(line.text) : [null, line.text];
              return (
                <div
                  key={line.id}
                  data-stream={line.stream}
                  className={cn(
                    'break-all whitespace-pre-wrap',
                    line.stream === 'stderr' && 'bg-danger/8 text-danger',
                  )}
                >
                  {time ? <span className="mr-2 text-muted select-none">{time}</span> : null}
                  {highlight(text, needle)}
                </div>
              );
            })
          )}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 px-4 py-1.5">
        <p className="flex-1 text-[0.78rem] text-muted">
          The last 200 lines, then live with Follow; at most {MAX_LOG_LINES.toLocaleString()} lines are kept.
        </p>
        <LogDownload hostId={hostId} name={name} />
      </div>
    </Card>
  );
}
