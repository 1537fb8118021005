import * as Menu from '@radix-ui/react-dropdown-menu';
import { MoreHorizontal } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

export const MenuRoot = Menu.Root;
export const MenuTrigger = Menu.Trigger;

export function MenuContent({ className, ...props }: ComponentProps<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        sideOffset={6}
        align="end"
        className={cn('z-50 min-w-52 rounded-ui border border-border bg-surface p-1 shadow-xl', className)}
        {...props}
      />
    </Menu.Portal>
  );
}

export function MenuItem({
  className,
  tone = 'default',
  ...props
}: ComponentProps<typeof Menu.Item> & { tone?: 'default' | 'danger' }) {
  return (
    <Menu.Item
      className={cn(
        'flex cursor-default items-center gap-2.5 rounded-ui-sm px-2.5 py-1.5 text-[0.92rem] outline-none select-none',
        'data-[disabled]:opacity-50 data-[highlighted]:bg-surface-2',
        tone === 'danger' ? 'text-danger' : 'text-fg',
        className,
      )}
      {...props}
    />
  );
}

export function MenuSeparator() {
  return <Menu.Separator className="my-1 h-px bg-border" />;
}

export function MenuLabel({ className, ...props }: ComponentProps<typeof Menu.Label>) {
  return <Menu.Label className={cn('px-2.5 py-1.5 text-[0.8rem] text-muted', className)} {...props} />;
}

/** The "…" button that opens a table row's actions; its name says whose actions they are. */
export function RowActionsTrigger({
  name,
  disabled,
  className,
}: {
  name: string;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <Menu.Trigger
      aria-label={`Actions for ${name}`}
      disabled={disabled}
      className={cn(
        'inline-flex h-8 w-8 items-center justify-center rounded-ui-sm align-middle text-muted transition hover:bg-surface-2 hover:text-fg data-[state=open]:bg-surface-2 disabled:opacity-50',
        className,
      )}
    >
      <MoreHorizontal aria-hidden size={18} />
    </Menu.Trigger>
  );
}
