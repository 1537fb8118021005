import type { PresentedCertificate } from '@archnest/contract';
import { formatDateTime } from '../../lib/format-time';
import { Fingerprint } from '../../components/ui/fingerprint';

/** What an admin compares with the appliance before pinning its certificate. */
export function PresentedCertificateDetails({ certificate }: { certificate: PresentedCertificate }) {
  const expired = Date.parse(certificate.validTo) < Date.now();
  return (
    <dl
      aria-label="Presented certificate"
      className="grid grid-cols-[auto_1fr] items-baseline gap-x-3 gap-y-1.5 text-[0.9rem]"
    >
      <dt className="text-muted">SHA-256</dt>
      <dd>
        <Fingerprint value={certificate.sha256} label="Certificate SHA-256 fingerprint" />
      </dd>
      <dt className="text-muted">Subject</dt>
      <dd className="font-mono text-[0.85rem] break-all">{certificate.subject}</dd>
      <dt className="text-muted">Issuer</dt>
      <dd className="font-mono text-[0.85rem] break-all">
        {certificate.issuer}
        {certificate.selfSigned ? <span className="ml-2 font-sans text-warning">(self-signed)</span> : null}
      </dd>
      <dt className="text-muted">Valid</dt>
      <dd>
        {formatDateTime(certificate.validFrom)} – {formatDateTime(certificate.validTo)}
        {expired ? <span className="ml-2 text-danger">expired</span> : null}
      </dd>
    </dl>
  );
}
