import { endpoints, fillPath } from '@archnest/contract';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { Select } from '../../components/ui/input';

type Tail = '1000' | '10000' | 'all';

/** A file of the container's log: the server names it and streams it as an attachment. */
export function LogDownload({ hostId, name }: { hostId: string; name: string }) {
  const [tail, setTail] = useState<Tail>('1000');
  const [timestamps, setTimestamps] = useState(true);
  const href = `${fillPath(endpoints.downloadContainerLogs.path, { id: hostId, ref: name })}?${new URLSearchParams(
    {
      tail,
      timestamps: String(timestamps),
    },
  ).toString()}`;
  return (
    <div className="flex flex-wrap items-center gap-2 text-[0.85rem]">
      <Select
        aria-label="Lines to download"
        value={tail}
        onChange={(e) => setTail(e.target.value as Tail)}
        className="h-8 w-32"
      >
        <option value="1000">Last 1,000</option>
        <option value="10000">Last 10,000</option>
        <option value="all">Whole log</option>
      </Select>
      <label className="flex items-center gap-1.5 whitespace-nowrap">
        <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
        With timestamps
      </label>
      <a
        href={href}
        download
        className="inline-flex h-8 items-center gap-1.5 rounded-ui-sm border border-border px-2.5 font-medium hover:bg-surface-2"
      >
        <Download aria-hidden size={15} />
        Download log
      </a>
    </div>
  );
}
