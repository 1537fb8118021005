import { Container } from 'lucide-react';
import { useEffect } from 'react';
import { DockerTabs } from '../../components/docker-tabs';
import { Card } from '../../components/ui/card';
import { Select } from '../../components/ui/input';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { useDockerHostChoice } from '../../lib/docker-host-choice';
import { ImagesView, NetworksView, VolumesView } from './object-tables';
import { useDockerHostList, useIsAdmin, type ObjectKind } from './use-docker-objects';

const TITLE: Record<ObjectKind, string> = { images: 'Images', volumes: 'Volumes', networks: 'Networks' };
const VIEW = { images: ImagesView, volumes: VolumesView, networks: NetworksView } as const;

/** Images, volumes or networks of the Docker host picked here or on the Containers page. */
export function DockerObjectsPage({ kind }: { kind: ObjectKind }) {
  const isAdmin = useIsAdmin();
  const hosts = useDockerHostList();
  const [chosen, choose] = useDockerHostChoice();

  useEffect(() => {
    document.title = `${TITLE[kind]} · ArchNest`;
    return () => {
      document.title = 'ArchNest';
    };
  }, [kind]);

  const sorted = [...(hosts.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  // An agent host picked on the Containers page has no images here; the first Docker host stands in.
  const host = sorted.find((h) => h.id === chosen) ?? sorted[0];
  const View = VIEW[kind];

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-[1.6rem] font-semibold tracking-tight">Containers</h1>
          <p className="text-muted">
            {TITLE[kind]} on your Docker hosts; agent hosts report containers only.
          </p>
        </div>
        {host ? (
          <label className="flex items-center gap-2 text-[0.9rem] font-medium whitespace-nowrap">
            Docker host
            <Select value={host.id} onChange={(e) => choose(e.target.value)} className="w-60">
              {sorted.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
      </div>
      <DockerTabs />
      {hosts.isPending ? (
        <Card>
          <LoadingRows label="Loading Docker hosts" />
        </Card>
      ) : null}
      {hosts.isError ? (
        <Card>
          <ErrorState error={hosts.error} onRetry={() => void hosts.refetch()} />
        </Card>
      ) : null}
      {hosts.isSuccess && !host ? (
        <Card>
          <EmptyState
            icon={<Container size={28} strokeWidth={1.5} />}
            title="No Docker hosts yet"
            description="Docker hosts are added under Settings › Docker hosts."
          />
        </Card>
      ) : null}
      {host ? <View key={host.id} hostId={host.id} hostName={host.name} isAdmin={isAdmin} /> : null}
    </div>
  );
}
