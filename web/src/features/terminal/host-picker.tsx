import type { Host } from '@archnest/contract';
import { KeyRound, Search, Server } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Input } from '../../components/ui/input';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { useCurrentUser } from '../../lib/current-user-context';
import { groupByFolder } from '../../components/hosts/host-table';
import { useHosts } from '../../api/use-hosts';
import { settingsHref } from '../../lib/settings-href';
import { MyCredentialDialog } from './my-credential-dialog';

function matches(host: Host, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return [host.name, host.address, host.username, host.folder, ...host.tags].some((value) =>
    value.toLowerCase().includes(needle),
  );
}

/** What an empty pane shows: the hosts to open a shell on. */
export function HostPicker({ onPick, paneLabel }: { onPick: (host: Host) => void; paneLabel: string }) {
  const hosts = useHosts();
  const isAdmin = useCurrentUser().role === 'admin';
  const [filter, setFilter] = useState('');
  const [credentialFor, setCredentialFor] = useState<Host | null>(null);

  if (hosts.isPending) return <LoadingRows rows={3} label="Loading hosts" />;
  if (hosts.isError) return <ErrorState error={hosts.error} onRetry={() => void hosts.refetch()} />;
  if (hosts.data.length === 0)
    return (
      <div className="flex flex-col items-center">
        <EmptyState
          icon={<Server size={28} strokeWidth={1.5} />}
          title="No hosts yet"
          description={isAdmin ? undefined : 'Ask an admin to add the machines you need.'}
        />
        {isAdmin ? (
          <Link to={settingsHref('hosts')} className="-mt-6 text-accent hover:underline">
            Add a host in Settings
          </Link>
        ) : null}
      </div>
    );

  const groups = groupByFolder(hosts.data.filter((host) => matches(host, filter)));
  return (
    <div className="mx-auto flex h-full w-full max-w-md flex-col gap-3 overflow-y-auto p-4">
      <p className="font-medium">Open a shell in {paneLabel}</p>
      <div className="relative">
        <Search aria-hidden size={15} className="absolute top-1/2 left-2.5 -translate-y-1/2 text-muted" />
        <Input
          aria-label="Filter hosts"
          placeholder="Filter by name, address, tag…"
          className="pl-8"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {groups.length === 0 ? <p className="text-[0.9rem] text-muted">No host matches.</p> : null}
      {groups.map(([folder, list]) => (
        <section key={folder || '(none)'} aria-label={folder || 'No folder'}>
          {folder ? (
            <h3 className="mb-1 text-[0.78rem] font-semibold text-muted uppercase">{folder}</h3>
          ) : null}
          <ul className="flex flex-col gap-1">
            {list.map((host) => (
              <li key={host.id} className="flex items-stretch gap-1">
                <button
                  type="button"
                  aria-label={`Connect to ${host.name}`}
                  onClick={() => onPick(host)}
                  className="flex min-w-0 flex-1 items-center gap-3 rounded-ui-sm border border-border bg-surface px-3 py-2 text-left transition hover:border-accent/60 hover:bg-surface-2"
                >
                  <Server aria-hidden size={16} className="shrink-0 text-muted" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{host.name}</span>
                    <span className="block truncate font-mono text-[0.78rem] text-muted">
                      {host.username}@{host.address}:{host.port}
                    </span>
                  </span>
                </button>
                {host.authMethod === 'per-user' ? (
                  <button
                    type="button"
                    aria-label={`My credential for ${host.name}`}
                    title="My credential for this host"
                    onClick={() => setCredentialFor(host)}
                    className="flex w-10 shrink-0 items-center justify-center rounded-ui-sm border border-border bg-surface text-muted transition hover:border-accent/60 hover:text-fg"
                  >
                    <KeyRound aria-hidden size={16} />
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {credentialFor ? (
        <MyCredentialDialog host={credentialFor} onClose={() => setCredentialFor(null)} />
      ) : null}
    </div>
  );
}
