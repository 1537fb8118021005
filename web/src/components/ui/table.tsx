import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

/**
 * Tables scroll sideways on narrow screens instead of squeezing their columns. `relative` makes the
 * scroller the containing block of absolutely placed cells' content (`sr-only` labels), which would
 * otherwise escape it and widen the whole page.
 */
export function Table({ className, ...props }: ComponentProps<'table'>) {
  return (
    <div className="relative overflow-x-auto">
      <table className={cn('w-full border-collapse text-left text-[0.92rem]', className)} {...props} />
    </div>
  );
}

export function Th({ className, ...props }: ComponentProps<'th'>) {
  return (
    <th
      scope="col"
      className={cn(
        'border-b border-border bg-surface-2/60 px-4 py-2 text-[0.78rem] font-semibold tracking-wide whitespace-nowrap text-muted uppercase',
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentProps<'td'>) {
  return <td className={cn('border-b border-border px-4 py-2.5 align-middle', className)} {...props} />;
}

export function Tr({ className, ...props }: ComponentProps<'tr'>) {
  return (
    <tr className={cn('transition last:[&>td]:border-b-0 hover:bg-surface-2/50', className)} {...props} />
  );
}
