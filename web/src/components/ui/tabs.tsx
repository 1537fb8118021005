import * as RadixTabs from '@radix-ui/react-tabs';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../../lib/cn';

export const Tabs = RadixTabs.Root;
export const TabsContent = RadixTabs.Content;

/** `wrap` lays a long strip out on several lines instead of scrolling it, so no tab is out of sight. */
export function TabsList({
  className,
  wrap = false,
  ...props
}: ComponentProps<typeof RadixTabs.List> & { wrap?: boolean }) {
  return (
    <RadixTabs.List
      className={cn('flex gap-1 border-b border-border', wrap ? 'flex-wrap' : 'overflow-x-auto', className)}
      {...props}
    />
  );
}

export function TabsTrigger({
  className,
  icon,
  children,
  ...props
}: ComponentProps<typeof RadixTabs.Trigger> & { icon?: ReactNode }) {
  return (
    <RadixTabs.Trigger
      className={cn(
        '-mb-px inline-flex shrink-0 items-center gap-2 border-b-2 border-transparent px-3 py-2.5 font-medium whitespace-nowrap text-muted transition',
        'hover:text-fg data-[state=active]:border-accent data-[state=active]:text-fg',
        className,
      )}
      {...props}
    >
      {icon}
      {children}
    </RadixTabs.Trigger>
  );
}
