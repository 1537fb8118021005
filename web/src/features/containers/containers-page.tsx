import { Container } from 'lucide-react';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { DockerTabs } from '../../components/docker-tabs';
import { Card } from '../../components/ui/card';
import { Select } from '../../components/ui/input';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { useCurrentUser } from '../auth/current-user-context';
import { AgentHostView } from '../agents/agent-host-view';
import { useAgentHosts } from '../agents/use-agents';
import { useDockerHosts } from '../docker-hosts/use-docker-hosts';
import { settingsHref } from '../settings/settings-tabs';
import { ContainerDetailView } from './container-detail';
import { ContainerList } from './container-list';
import { ContainerTabBar } from './container-tab-bar';
import { useSelectedDockerHost } from './selected-docker-host';
import { useDetailTabs } from './use-detail-tabs';

function ContainersHeader({ children }: { children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-[1.6rem] font-semibold tracking-tight">Containers</h1>
        <p className="text-muted">
          Containers on your Docker hosts: state, logs, stats and a shell; agent hosts read-only.
        </p>
      </div>
      {children}
    </div>
  );
}

/** Detail tabs belong to one host; picking another host starts from its list. */
function HostContainers({
  hostId,
  hostName,
  isAdmin,
}: {
  hostId: string;
  hostName: string;
  isAdmin: boolean;
}) {
  const { tabs, active, select, open, close } = useDetailTabs();
  return (
    <div className="flex flex-col">
      <div className="border-b border-border">
        <ContainerTabBar tabs={tabs} active={active} onSelect={select} onClose={close} />
      </div>
      <div className="pt-4" role="tabpanel" aria-label={active ?? 'Containers'}>
        <div hidden={active !== null}>
          <ContainerList
            hostId={hostId}
            hostName={hostName}
            isAdmin={isAdmin}
            onOpen={(container) => open(container.name)}
          />
        </div>
        {/* Every open tab stays mounted, so its followed log and console keep running. */}
        {tabs.map((name) => (
          <div key={name} hidden={active !== name}>
            <ContainerDetailView hostId={hostId} name={name} isAdmin={isAdmin} />
          </div>
        ))}
      </div>
    </div>
  );
}

/** One entry of the host picker: a Docker host ArchNest reaches, or an agent host that reports. */
type Choice = { value: string; name: string } & (
  { kind: 'docker'; id: string } | { kind: 'agent'; label: string }
);

const AGENT_PREFIX = 'agent:';

export function ContainersPage() {
  const user = useCurrentUser();
  const isAdmin = user.role === 'admin';
  const hosts = useDockerHosts();
  const agents = useAgentHosts();
  const [chosen, choose] = useSelectedDockerHost();

  useEffect(() => {
    document.title = 'Containers · ArchNest';
    return () => {
      document.title = 'ArchNest';
    };
  }, []);

  const dockerChoices: Choice[] = [...(hosts.data ?? [])]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((h) => ({ kind: 'docker', id: h.id, value: h.id, name: h.name }));
  const agentChoices: Choice[] = (agents.data ?? []).map((a) => ({
    kind: 'agent',
    label: a.label,
    value: AGENT_PREFIX + a.label,
    name: a.stale ? `${a.label} (stale)` : a.label,
  }));
  const choices = [...dockerChoices, ...agentChoices];
  // The picker waits for both lists, so the remembered choice is not replaced by whichever came first.
  const loaded = !hosts.isPending && !agents.isPending;
  const host = loaded ? (choices.find((item) => item.value === chosen) ?? choices[0]) : undefined;
  const picker = host ? (
    <label className="flex items-center gap-2 text-[0.9rem] font-medium whitespace-nowrap">
      Docker host
      <Select value={host.value} onChange={(e) => choose(e.target.value)} className="w-60">
        {dockerChoices.length ? (
          <optgroup label="Docker hosts">
            {dockerChoices.map((item) => (
              <option key={item.value} value={item.value}>
                {item.name}
              </option>
            ))}
          </optgroup>
        ) : null}
        {agentChoices.length ? (
          <optgroup label="Agents (read-only)">
            {agentChoices.map((item) => (
              <option key={item.value} value={item.value}>
                {item.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </Select>
    </label>
  ) : null;

  return (
    <div className="flex flex-col gap-5">
      <ContainersHeader>{picker}</ContainersHeader>
      <DockerTabs />
      {hosts.isPending || agents.isPending ? (
        <Card>
          <LoadingRows label="Loading Docker hosts" />
        </Card>
      ) : null}
      {hosts.isError ? (
        <Card>
          <ErrorState error={hosts.error} onRetry={() => void hosts.refetch()} />
        </Card>
      ) : null}
      {agents.isError ? (
        <Card>
          <ErrorState error={agents.error} onRetry={() => void agents.refetch()} />
        </Card>
      ) : null}
      {loaded && hosts.isSuccess && !host ? (
        <Card>
          <EmptyState
            icon={<Container size={28} strokeWidth={1.5} />}
            title="No Docker hosts yet"
            description={
              isAdmin
                ? 'Add one under Settings › Docker hosts, or install the push agent from Settings › Agents.'
                : 'An admin adds Docker hosts under Settings › Docker hosts or Agents.'
            }
          />
          {isAdmin ? (
            <p className="pb-8 text-center">
              <Link to={settingsHref('docker')} className="font-medium text-accent hover:underline">
                Add a Docker host
              </Link>
            </p>
          ) : null}
        </Card>
      ) : null}
      {host?.kind === 'docker' ? (
        <HostContainers key={host.value} hostId={host.id} hostName={host.name} isAdmin={isAdmin} />
      ) : null}
      {host?.kind === 'agent' ? <AgentHostView key={host.value} label={host.label} /> : null}
    </div>
  );
}
