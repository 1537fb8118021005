import { cn } from '../../lib/cn';

interface SparklineProps {
  /** Oldest first; null leaves a gap (no reading for that moment). */
  values: (number | null)[];
  label: string;
  /** The value the top edge stands for; defaults to the largest value. */
  max?: number;
  className?: string;
}

/** A small inline line chart for recent CPU or memory; its label carries the latest value. */
export function Sparkline({ values, label, max, className }: SparklineProps) {
  const width = 96;
  const height = 24;
  const known = values.filter((v): v is number => v !== null);
  const top = Math.max(max ?? 0, ...known, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const segments: string[] = [];
  let current = '';
  values.forEach((value, i) => {
    if (value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (height - 1 - (value / top) * (height - 2)).toFixed(1);
    current += `${current ? 'L' : 'M'}${x} ${y}`;
  });
  if (current) segments.push(current);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      className={cn('overflow-visible text-accent', className)}
    >
      <title>{label}</title>
      {known.length === 0 ? (
        <line
          x1="0"
          x2={width}
          y1={height - 1}
          y2={height - 1}
          className="stroke-border"
          strokeDasharray="3 3"
        />
      ) : (
        segments.map((d) => (
          <path key={d} d={d} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
        ))
      )}
    </svg>
  );
}
