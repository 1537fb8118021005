import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from './button';

/** Read-only text with a copy button; falls back to selecting it where the clipboard is unavailable. */
export function CopyBlock({ label, text }: { label: string; text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async (target: HTMLElement | null) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      toast.success(`${label} copied`);
    } catch {
      if (target) window.getSelection()?.selectAllChildren(target);
      toast.message('Selected: press Ctrl+C (⌘C) to copy');
    }
  };
  const id = `copy-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <span className="text-[0.9rem] font-medium">{label}</span>
        <Button size="sm" onClick={() => void copy(document.getElementById(id))} aria-label={`Copy ${label}`}>
          {copied ? <Check aria-hidden size={15} /> : <Copy aria-hidden size={15} />}
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <pre
        id={id}
        aria-label={label}
        className="overflow-x-auto rounded-ui-sm border border-border bg-surface-2 px-3 py-2 font-mono text-[0.82rem] whitespace-pre"
      >
        {text}
      </pre>
    </div>
  );
}
