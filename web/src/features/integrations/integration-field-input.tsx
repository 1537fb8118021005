import type { IntegrationFieldMeta } from '@archnest/contract';
import { TextField } from '../../components/ui/field';
import { SelectField } from '../../components/ui/select-field';
import { SwitchField } from '../../components/ui/switch';
import { SecretField } from '../../components/ui/secret-field';
import type { IntegrationDraft } from './integration-form-state';

interface IntegrationFieldInputProps {
  field: IntegrationFieldMeta;
  draft: IntegrationDraft;
  /** The server holds a value for this secret field. */
  secretIsSet: boolean;
  error: string | undefined;
  onChange: (draft: IntegrationDraft) => void;
}

/** One form control generated from the contract's field metadata. */
export function IntegrationFieldInput({
  field,
  draft,
  secretIsSet,
  error,
  onChange,
}: IntegrationFieldInputProps) {
  const label = field.label;
  if (field.secret)
    return (
      <SecretField
        label={label}
        isSet={secretIsSet}
        placeholder={field.placeholder}
        value={draft.secrets[field.name] ?? { text: '', clear: false }}
        error={error}
        onChange={(secret) => onChange({ ...draft, secrets: { ...draft.secrets, [field.name]: secret } })}
      />
    );
  if (field.input === 'checkbox')
    return (
      <SwitchField
        label={label}
        description={field.help}
        checked={draft.flags[field.name] ?? false}
        onCheckedChange={(checked) =>
          onChange({ ...draft, flags: { ...draft.flags, [field.name]: checked } })
        }
      />
    );
  const setValue = (value: string) =>
    onChange({ ...draft, values: { ...draft.values, [field.name]: value } });
  if (field.input === 'select')
    return (
      <SelectField
        label={label}
        hint={field.help}
        error={error}
        value={draft.values[field.name] ?? ''}
        onChange={(e) => setValue(e.target.value)}
      >
        {(field.options ?? []).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
    );
  return (
    <TextField
      label={label}
      type={field.input === 'url' ? 'url' : 'text'}
      autoComplete="off"
      spellCheck={false}
      placeholder={field.placeholder}
      hint={field.input === 'list' ? (field.help ?? 'Separate entries with commas.') : field.help}
      error={error}
      className={field.input === 'url' ? '[&_input]:font-mono' : undefined}
      value={draft.values[field.name] ?? ''}
      onChange={(e) => setValue(e.target.value)}
    />
  );
}
