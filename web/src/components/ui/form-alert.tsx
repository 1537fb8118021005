import { AlertCircle } from 'lucide-react';

/** Inline error for a whole form; role=alert so screen readers hear it on submit. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-ui-sm border border-danger/35 bg-danger/10 px-3 py-2 text-[0.9rem] text-danger"
    >
      <AlertCircle aria-hidden size={16} className="mt-0.5 shrink-0" />
      <span>{message}</span>
    </div>
  );
}
