import { integrationKinds, IntegrationKind, type Integration } from '@archnest/contract';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { SelectField } from '../../components/ui/select-field';
import { FormAlert } from '../../components/ui/form-alert';
import { IntegrationFieldInput } from './integration-field-input';
import {
  buildCreateBody,
  buildUpdateBody,
  draftFor,
  visibleFields,
  type FormErrors,
  type IntegrationDraft,
} from './integration-form-state';
import { IntegrationTlsFields } from './integration-tls-fields';
import { useSaveIntegration } from './use-integrations';

interface IntegrationFormDialogProps {
  /** null adds a new integration. Mounted only while open, so the form starts afresh each time. */
  integration: Integration | null;
  onClose: () => void;
  /** Called with a newly added integration, so the caller can offer its first test. */
  onCreated: (integration: Integration) => void;
}

export function IntegrationFormDialog({ integration, onClose, onCreated }: IntegrationFormDialogProps) {
  const save = useSaveIntegration();
  const [draft, setDraft] = useState<IntegrationDraft>(() =>
    draftFor(integration?.kind ?? 'proxmox', integration),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const meta = integrationKinds[draft.kind];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (integration) {
      const built = buildUpdateBody(draft, integration);
      setErrors(built.ok ? {} : built.errors);
      if (built.ok) save.mutate({ id: integration.id, body: built.body }, { onSuccess: onClose });
    } else {
      const built = buildCreateBody(draft);
      setErrors(built.ok ? {} : built.errors);
      if (built.ok) save.mutate({ id: null, body: built.body }, { onSuccess: onCreated });
    }
  };

  const formError = errors.form ?? (save.isError ? describeError(save.error) : null);
  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => !open && onClose()}
      title={integration ? `Edit ${integration.name}` : 'Add integration'}
      description="Secrets are encrypted on the server and never sent back to the browser."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormAlert message={formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Kind"
            value={draft.kind}
            disabled={integration !== null}
            hint={integration ? 'The kind of a saved integration cannot change.' : undefined}
            onChange={(e) => {
              const kind = IntegrationKind.parse(e.target.value);
              setDraft({ ...draftFor(kind, null), name: draft.name });
              setErrors({});
            }}
          >
            {IntegrationKind.options.map((kind) => (
              <option key={kind} value={kind}>
                {integrationKinds[kind].displayName}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Name"
            autoComplete="off"
            placeholder={`e.g. ${meta.displayName} lab`}
            value={draft.name}
            error={errors.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </div>
        {visibleFields(draft).map((field) => (
          <IntegrationFieldInput
            key={`${draft.kind}-${field.name}`}
            field={field}
            draft={draft}
            secretIsSet={integration?.secretsSet.includes(field.name) ?? false}
            error={errors[field.name]}
            onChange={setDraft}
          />
        ))}
        <IntegrationTlsFields
          draft={draft}
          hasCa={integration?.tls.hasCa ?? false}
          errors={errors}
          onChange={setDraft}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Poll every (seconds)"
            type="number"
            min={5}
            max={3600}
            value={draft.pollIntervalSeconds}
            error={errors.pollIntervalSeconds}
            onChange={(e) => setDraft({ ...draft, pollIntervalSeconds: e.target.value })}
          />
          <TextField
            label="Timeout (seconds)"
            type="number"
            min={1}
            max={60}
            value={draft.timeoutSeconds}
            error={errors.timeoutSeconds}
            onChange={(e) => setDraft({ ...draft, timeoutSeconds: e.target.value })}
          />
        </div>
        <DialogFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={save.isPending}>
            {integration ? 'Save integration' : 'Add integration'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
