import { CircleOff, Radio } from 'lucide-react';

/** Whether agents can report at all, as the server decides it: the instance token or an active host token. */
export function IngestStatus({ instanceToken, active }: { instanceToken: boolean; active: number }) {
  const on = instanceToken || active > 0;
  const why = [
    instanceToken ? 'ARCHNEST_AGENT_TOKEN is set, so agents may report for any host label' : null,
    active > 0 ? `${active} per-host ${active === 1 ? 'token is' : 'tokens are'} active` : null,
  ].filter(Boolean);
  return (
    <p
      role="status"
      aria-label="Agent ingest"
      className={`mx-5 mb-3 flex items-start gap-2 rounded-ui-sm border px-3 py-2 text-[0.9rem] ${
        on ? 'border-success/35 bg-success/10 text-success' : 'border-border bg-surface-2 text-muted'
      }`}
    >
      {on ? (
        <Radio aria-hidden size={16} className="mt-0.5 shrink-0" />
      ) : (
        <CircleOff aria-hidden size={16} className="mt-0.5 shrink-0" />
      )}
      <span>
        {on
          ? `Agent ingest is on: ${why.join('; ')}.`
          : 'Agent ingest is off: set ARCHNEST_AGENT_TOKEN or issue a token here.'}
      </span>
    </p>
  );
}
