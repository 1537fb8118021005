import { cn } from '../../lib/cn';

interface UsageBarProps {
  /** 0..1; null when the source does not report it. */
  ratio: number | null;
  label: string;
  /** Text beside the bar; defaults to the percentage. */
  text?: string;
  className?: string;
  /** Text above a bar as wide as the cell, for narrow table columns. */
  stacked?: boolean;
}

/** A small meter: accent up to 70 %, warning to 90 %, danger beyond. */
export function UsageBar({ ratio, label, text, className, stacked = false }: UsageBarProps) {
  if (ratio === null || !Number.isFinite(ratio)) return <span className="text-muted">—</span>;
  const clamped = Math.min(1, Math.max(0, ratio));
  const percent = Math.round(clamped * 100);
  const tone = clamped >= 0.9 ? 'bg-danger' : clamped >= 0.7 ? 'bg-warning' : 'bg-accent';
  return (
    <div
      className={cn('flex min-w-0', stacked ? 'flex-col-reverse gap-1' : 'items-center gap-2', className)}
      title={stacked ? (text ?? `${percent} %`) : undefined}
    >
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className={cn(
          'h-1.5 shrink-0 overflow-hidden rounded-full bg-surface-2',
          stacked ? 'w-full' : 'w-16',
        )}
      >
        <div className={cn('h-full rounded-full', tone)} style={{ width: `${percent}%` }} />
      </div>
      <span className="truncate text-[0.82rem] text-muted tabular-nums">{text ?? `${percent} %`}</span>
    </div>
  );
}
