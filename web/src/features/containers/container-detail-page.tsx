import { ArrowLeft, SearchX } from 'lucide-react';
import { useEffect, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Card } from '../../components/ui/card';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { useCurrentUser } from '../../lib/current-user-context';
import { AgentContainerDetailView } from './agent-container-detail';
import { useAgentHosts } from '../../api/use-agents';
import { useDockerHosts } from '../../api/use-docker-hosts';
import { ContainerDetailView } from './container-detail';
import { parseHostKey } from './container-links';

/** A container address that names no host or container the user can see. */
export function ContainerNotFound({ what }: { what: string }) {
  return (
    <Card>
      <EmptyState
        icon={<SearchX size={28} strokeWidth={1.5} />}
        title="Container not found"
        description={`${what} Pick a container from the list.`}
      />
    </Card>
  );
}

/** `/containers/:hostKey/:ref`: one container, on its own address, safe to reload and share. */
export function ContainerDetailPage() {
  const { hostKey = '', ref = '' } = useParams();
  const user = useCurrentUser();
  const parsed = parseHostKey(hostKey);
  const hosts = useDockerHosts();
  const agents = useAgentHosts();

  useEffect(() => {
    document.title = `${ref} · Containers · ArchNest`;
    return () => {
      document.title = 'ArchNest';
    };
  }, [ref]);

  let body: ReactNode;
  const list = parsed?.kind === 'agent' ? agents : hosts;
  if (!parsed) body = <ContainerNotFound what={`“${hostKey}” is not a Docker or agent host.`} />;
  else if (list.isPending) body = <LoadingRows label={`Loading ${ref}`} rows={6} />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (parsed.kind === 'docker') {
    const host = hosts.data?.find((h) => h.id === parsed.id);
    body = host ? (
      <ContainerDetailView
        key={`${host.id}/${ref}`}
        hostId={host.id}
        name={ref}
        isAdmin={user.role === 'admin'}
      />
    ) : (
      <ContainerNotFound what="No Docker host you can see has this address." />
    );
  } else {
    const agent = agents.data?.find((a) => a.label === parsed.id);
    body = agent ? (
      <AgentContainerDetailView key={`${agent.label}/${ref}`} label={agent.label} name={ref} />
    ) : (
      <ContainerNotFound what="No agent host reports under this label." />
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <Link
        to="/containers"
        className="flex items-center gap-1.5 text-[0.9rem] font-medium text-accent hover:underline"
      >
        <ArrowLeft aria-hidden size={15} />
        All containers
      </Link>
      {body}
    </div>
  );
}
