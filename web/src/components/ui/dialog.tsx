import * as RadixDialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Optional trigger rendered in place; omit when the dialog is opened from state. */
  trigger?: ReactNode;
  /** Forms with many fields or a table need more room than a confirmation. */
  size?: 'md' | 'lg' | 'xl';
}

const widths = {
  md: 'w-[min(30rem,calc(100vw-2rem))]',
  lg: 'w-[min(40rem,calc(100vw-2rem))]',
  xl: 'w-[min(64rem,calc(100vw-2rem))]',
};

/** Radix handles focus trapping, Escape and returning focus; this only styles it. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  trigger,
  size = 'md',
}: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger> : null}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="animate-overlay-in fixed inset-0 z-40 bg-black/45 backdrop-blur-[2px]" />
        <RadixDialog.Content
          className={cn(
            'animate-content-in fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-ui-lg border border-border bg-surface p-5 shadow-2xl',
            widths[size],
          )}
          // Radix warns when a dialog has no description; an explicit undefined opts out knowingly.
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="mb-4 flex items-start justify-between gap-4">
            <div>
              <RadixDialog.Title className="text-[1.1rem] font-semibold">{title}</RadixDialog.Title>
              {description ? (
                <RadixDialog.Description className="mt-1 text-[0.9rem] text-muted">
                  {description}
                </RadixDialog.Description>
              ) : null}
            </div>
            <RadixDialog.Close
              aria-label="Close"
              className="-m-1 rounded-ui-sm p-1 text-muted transition hover:bg-surface-2 hover:text-fg"
            >
              <X size={18} aria-hidden />
            </RadixDialog.Close>
          </div>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="mt-5 flex flex-wrap justify-end gap-2">{children}</div>;
}

export const DialogClose = RadixDialog.Close;
