import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

export const controlClass =
  'h-9 w-full rounded-ui-sm border border-border bg-surface px-3 text-fg placeholder:text-muted ' +
  'transition outline-none focus:border-accent focus:ring-2 focus:ring-accent/25 ' +
  'aria-[invalid=true]:border-danger disabled:opacity-60';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(controlClass, className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(controlClass, 'pr-8', className)} {...props} />;
}
