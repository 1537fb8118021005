import { Eraser, Undo2 } from 'lucide-react';
import { useId } from 'react';
import { Button } from './button';
import { Input } from './input';
import { Textarea } from './textarea';

/** A secret being edited: new text replaces the stored one, `clear` removes it, neither keeps it. */
export interface SecretDraft {
  text: string;
  clear: boolean;
}

export const emptySecret: SecretDraft = { text: '', clear: false };

/** What the API expects for one secret: absent keeps, a string replaces, null clears. */
export function secretPatch(draft: SecretDraft): string | null | undefined {
  if (draft.clear) return null;
  return draft.text === '' ? undefined : draft.text;
}

interface SecretFieldProps {
  label: string;
  /** The server holds a value for this secret (never shown, only flagged). */
  isSet: boolean;
  multiline?: boolean;
  placeholder?: string;
  value: SecretDraft;
  onChange: (value: SecretDraft) => void;
  error?: string | undefined;
}

export function SecretField({
  label,
  isSet,
  multiline,
  placeholder,
  value,
  onChange,
  error,
}: SecretFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const shownPlaceholder = isSet ? 'set — leave empty to keep' : placeholder;
  const common = {
    id,
    value: value.text,
    disabled: value.clear,
    placeholder: value.clear ? 'will be cleared on save' : shownPlaceholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': isSet || error ? hintId : undefined,
    autoComplete: 'off',
  } as const;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-[0.9rem] font-medium">
          {label}
        </label>
        {isSet ? (
          <Button
            size="sm"
            variant="ghost"
            className="h-7 text-muted"
            onClick={() => onChange(value.clear ? emptySecret : { text: '', clear: true })}
            aria-label={
              value.clear ? `Keep stored ${label.toLowerCase()}` : `Clear stored ${label.toLowerCase()}`
            }
          >
            {value.clear ? <Undo2 aria-hidden size={14} /> : <Eraser aria-hidden size={14} />}
            {value.clear ? 'Keep' : 'Clear'}
          </Button>
        ) : null}
      </div>
      {multiline ? (
        <Textarea {...common} rows={5} onChange={(e) => onChange({ text: e.target.value, clear: false })} />
      ) : (
        <Input
          {...common}
          type="password"
          onChange={(e) => onChange({ text: e.target.value, clear: false })}
        />
      )}
      {isSet || error ? (
        <p id={hintId} className={`text-[0.85rem] ${error ? 'text-danger' : 'text-muted'}`}>
          {error ?? (value.clear ? 'The stored value is removed when you save.' : 'A value is stored.')}
        </p>
      ) : null}
    </div>
  );
}
