import { useId, type ComponentProps, type ReactNode } from 'react';
import { cn } from '../../lib/cn';

export const textareaClass =
  'min-h-24 w-full rounded-ui-sm border border-border bg-surface px-3 py-2 font-mono text-[0.85rem] text-fg ' +
  'placeholder:font-sans placeholder:text-muted transition outline-none focus:border-accent focus:ring-2 ' +
  'focus:ring-accent/25 aria-[invalid=true]:border-danger disabled:opacity-60';

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(textareaClass, className)} spellCheck={false} {...props} />;
}

interface TextareaFieldProps extends Omit<ComponentProps<'textarea'>, 'id'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function TextareaField({ label, hint, error, className, ...props }: TextareaFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-[0.9rem] font-medium">
        {label}
      </label>
      <Textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...props}
      />
      {hint ? (
        <div id={`${id}-hint`} className="text-[0.85rem] text-muted">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-[0.85rem] text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
