import { Check, Copy } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';

/** Shown once after they are made: the server keeps only their hashes. */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const copy = () => {
    navigator.clipboard.writeText(codes.join('\n')).then(
      () => toast.success('Recovery codes copied'),
      () => toast.error('Could not copy; select the codes and copy them by hand.'),
    );
  };
  return (
    <div className="flex flex-col gap-3">
      <p className="text-[0.9rem]">
        Save these recovery codes somewhere safe. Each one signs you in once if you lose your authenticator.
        They are shown only now.
      </p>
      <ol
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-ui-sm border border-border bg-surface-2 px-4 py-3 font-mono text-[0.9rem]"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={copy}>
          <Copy aria-hidden size={16} />
          Copy codes
        </Button>
        <Button type="button" variant="primary" onClick={onDone}>
          <Check aria-hidden size={16} />I saved my recovery codes
        </Button>
      </div>
    </div>
  );
}
