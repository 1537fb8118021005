import { TextField } from '../../components/ui/field';
import { SecretField } from '../../components/ui/secret-field';
import type { FormErrors, IntegrationDraft } from './integration-form-state';

interface IntegrationTlsFieldsProps {
  draft: IntegrationDraft;
  hasCa: boolean;
  errors: FormErrors;
  onChange: (draft: IntegrationDraft) => void;
}

/** How ArchNest trusts an appliance's self-signed certificate: pin the leaf, or trust its CA. */
export function IntegrationTlsFields({ draft, hasCa, errors, onChange }: IntegrationTlsFieldsProps) {
  const open = Boolean(draft.pinnedSha256 || hasCa || errors.pinnedSha256 || errors.ca);
  return (
    <details open={open} className="rounded-ui border border-border px-3 py-2 [&[open]]:pb-3">
      <summary className="cursor-pointer font-medium select-none">
        TLS <span className="font-normal text-muted">(for self-signed or private certificates)</span>
      </summary>
      <div className="mt-3 flex flex-col gap-4">
        <p className="text-[0.85rem] text-muted">
          Without either, the system&apos;s trusted CAs decide. Test shows the certificate a server presents
          and can pin it for you.
        </p>
        <TextField
          label="Pinned SHA-256 fingerprint"
          autoComplete="off"
          spellCheck={false}
          placeholder="AB:CD:…  (openssl x509 -noout -fingerprint -sha256)"
          className="[&_input]:font-mono [&_input]:text-[0.82rem]"
          hint="Trust exactly this certificate. Empty it to remove the pin."
          value={draft.pinnedSha256}
          error={errors.pinnedSha256}
          onChange={(e) => onChange({ ...draft, pinnedSha256: e.target.value })}
        />
        <SecretField
          label="Custom CA certificate (PEM)"
          multiline
          isSet={hasCa}
          placeholder="-----BEGIN CERTIFICATE-----"
          value={draft.ca}
          error={errors.ca}
          onChange={(ca) => onChange({ ...draft, ca })}
        />
      </div>
    </details>
  );
}
