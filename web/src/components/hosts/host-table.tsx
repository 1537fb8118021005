import type { Credential, Host, HostReachability } from '@archnest/contract';
import { Folder, PlugZap, SquareTerminal } from 'lucide-react';
import { useNavigate } from 'react-router';
import { ReachabilityBadge } from '../reachability-badge';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { EditDeleteMenu } from '../ui/edit-delete-menu';
import { Table, Td, Th, Tr } from '../ui/table';
import { terminalHref } from '../../lib/terminal-href';
import { Fingerprint } from '../ui/fingerprint';
import { authMethodLabels } from './host-form-state';

interface HostTableProps {
  hosts: Host[];
  credentials: Credential[];
  userNames: Map<string, string>;
  /** Last port check per host id (absent while loading). */
  reachability: Map<string, HostReachability> | undefined;
  onTest: (host: Host) => void;
  onEdit: (host: Host) => void;
  onDelete: (host: Host) => void;
}

/** Hosts grouped by folder, folders sorted by name with unfiled hosts last. */
export function groupByFolder(hosts: Host[]): [string, Host[]][] {
  const groups = new Map<string, Host[]>();
  for (const host of [...hosts].sort((a, b) => a.name.localeCompare(b.name))) {
    const list = groups.get(host.folder) ?? [];
    list.push(host);
    groups.set(host.folder, list);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
}

function AuthCell({ host, credentials }: { host: Host; credentials: Credential[] }) {
  const credential = credentials.find((item) => item.id === host.credentialId);
  return (
    <div className="flex flex-col">
      <span>{authMethodLabels[host.authMethod]}</span>
      <span className="text-[0.8rem] text-muted">
        {host.authMethod === 'per-user'
          ? 'Own login per user'
          : host.credentialId
            ? `Credential: ${credential?.name ?? 'unknown'}`
            : 'Stored with host'}
      </span>
    </div>
  );
}

/** Who may use the host: everyone, or the chosen users by name (admins always). */
function AccessCell({ host, userNames }: { host: Host; userNames: Map<string, string> }) {
  if (host.access === 'everyone') return <span className="text-[0.88rem]">Everyone</span>;
  const names = host.allowedUserIds.map((id) => userNames.get(id) ?? 'unknown user');
  return (
    <div className="flex flex-col" aria-label={`Access to ${host.name}`}>
      <Badge tone="accent">Chosen users</Badge>
      <span className="mt-0.5 text-[0.8rem] text-muted">
        {names.length ? names.join(', ') : 'Admins only'}
      </span>
    </div>
  );
}

export function HostTable({
  hosts,
  credentials,
  userNames,
  reachability,
  onTest,
  onEdit,
  onDelete,
}: HostTableProps) {
  const navigate = useNavigate();
  const names = new Map(hosts.map((host) => [host.id, host.name]));
  return (
    <Table aria-label="Hosts">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Address</Th>
          <Th>Status</Th>
          <Th>Auth</Th>
          <Th>Access</Th>
          <Th>Host key</Th>
          <Th className="w-36">
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      {groupByFolder(hosts).map(([folder, list]) => (
        <tbody key={folder || '(none)'}>
          <tr>
            <th
              colSpan={7}
              scope="rowgroup"
              className="border-b border-border bg-surface-2/40 px-4 py-1.5 text-left text-[0.85rem] font-semibold"
            >
              <span className="inline-flex items-center gap-1.5 text-muted">
                <Folder aria-hidden size={14} />
                {folder || 'No folder'}
                <span className="font-normal">· {list.length}</span>
              </span>
            </th>
          </tr>
          {list.map((host) => (
            <Tr key={host.id}>
              <Td>
                <div className="font-medium">{host.name}</div>
                {host.tags.length > 0 || host.jumpHostIds.length > 0 ? (
                  <div className="mt-1 flex flex-wrap gap-1">
                    {host.tags.map((tag) => (
                      <Badge key={tag}>{tag}</Badge>
                    ))}
                    {host.jumpHostIds.length > 0 ? (
                      <Badge tone="accent" title="Jump chain">
                        via {host.jumpHostIds.map((id) => names.get(id) ?? '?').join(' → ')}
                      </Badge>
                    ) : null}
                    {host.legacyAlgorithms ? <Badge tone="warning">legacy algorithms</Badge> : null}
                  </div>
                ) : null}
              </Td>
              <Td className="font-mono text-[0.85rem] whitespace-nowrap">
                {host.username}@{host.address}:{host.port}
              </Td>
              <Td aria-label={`Reachability of ${host.name}`}>
                <ReachabilityBadge reachability={reachability?.get(host.id)} />
              </Td>
              <Td>
                <AuthCell host={host} credentials={credentials} />
              </Td>
              <Td>
                <AccessCell host={host} userNames={userNames} />
              </Td>
              <Td className="max-w-72">
                {host.hostKey ? (
                  <div className="flex flex-col gap-0.5">
                    <span className="text-[0.8rem] text-muted">{host.hostKey.algorithm}</span>
                    <Fingerprint value={host.hostKey.fingerprint} />
                  </div>
                ) : (
                  <span className="text-[0.88rem] text-muted">Not trusted yet</span>
                )}
              </Td>
              <Td className="text-right whitespace-nowrap">
                <Button
                  size="sm"
                  onClick={() => void navigate(terminalHref(host.id))}
                  aria-label={`Connect to ${host.name}`}
                  title="Open a terminal to this host"
                >
                  <SquareTerminal aria-hidden size={15} />
                  Connect
                </Button>{' '}
                <Button size="sm" onClick={() => onTest(host)} aria-label={`Test connection to ${host.name}`}>
                  <PlugZap aria-hidden size={15} />
                  Test
                </Button>
                <EditDeleteMenu
                  name={host.name}
                  className="ml-1"
                  onEdit={() => onEdit(host)}
                  onDelete={() => onDelete(host)}
                />
              </Td>
            </Tr>
          ))}
        </tbody>
      ))}
    </Table>
  );
}
