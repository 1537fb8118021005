import type { ImageSummary, NetworkSummary, VolumeSummary } from '@archnest/contract';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatBytes } from '../../lib/format-bytes';
import { formatDateTime, formatRelative } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { NameCell, ObjectsCard, RemoveCell, UsedByCell } from './objects-card';
import { PullDialog } from './pull-dialog';
import { useImages, useNetworks, useRefreshDockerObjects, useVolumes } from './use-docker-objects';

interface ViewProps {
  hostId: string;
  hostName: string;
  isAdmin: boolean;
}

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
const imageLabel = (image: ImageSummary) => image.tags[0] ?? shortId(image.id);
const BUILT_IN = new Set(['bridge', 'host', 'none']);

function Head({ columns, isAdmin }: { columns: string[]; isAdmin: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <Th key={c}>{c}</Th>
        ))}
        {isAdmin ? (
          <Th className="w-12">
            <span className="sr-only">Actions</span>
          </Th>
        ) : null}
      </tr>
    </thead>
  );
}

export function ImagesView({ hostId, hostName, isAdmin }: ViewProps) {
  const query = useImages(hostId);
  const now = useNow(30_000);
  const refresh = useRefreshDockerObjects(hostId);
  const [pulling, setPulling] = useState(false);
  return (
    <>
      <ObjectsCard
        kind="images"
        hostId={hostId}
        hostName={hostName}
        isAdmin={isAdmin}
        query={query}
        searchText={(i) => `${i.tags.join(' ')} ${i.id}`}
        extraActions={
          isAdmin ? (
            <Button size="sm" variant="primary" onClick={() => setPulling(true)}>
              <Download aria-hidden size={15} /> Pull image…
            </Button>
          ) : null
        }
      >
        {(items, open) => (
          <Table aria-label="Images">
            <Head columns={['Image', 'ID', 'Size', 'Created', 'Used by']} isAdmin={isAdmin} />
            <tbody>
              {items.map((image) => {
                const ref = { target: image.tags[0] ?? image.id, label: imageLabel(image) };
                return (
                  <Tr key={image.id} data-image={ref.label}>
                    <NameCell label={ref.label} onOpen={() => open.inspect(ref)} />
                    <Td>
                      <code className="text-muted">{shortId(image.id)}</code>
                      {image.tags.length === 0 ? (
                        <Badge className="ml-2" tone="warning">
                          dangling
                        </Badge>
                      ) : null}
                      {image.tags.length > 1 ? (
                        <span className="ml-2 text-muted">+{image.tags.length - 1} tags</span>
                      ) : null}
                    </Td>
                    <Td className="tabular-nums">
                      {image.sizeBytes === undefined ? '—' : formatBytes(image.sizeBytes)}
                    </Td>
                    <Td title={image.createdAt ? formatDateTime(image.createdAt) : undefined}>
                      {image.createdAt ? formatRelative(image.createdAt, now) : '—'}
                    </Td>
                    <UsedByCell names={image.usedBy} />
                    {isAdmin ? <RemoveCell label={ref.label} onRemove={() => open.remove(ref)} /> : null}
                  </Tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </ObjectsCard>
      {pulling ? (
        <PullDialog
          hostId={hostId}
          hostName={hostName}
          onClose={() => {
            setPulling(false);
            void refresh();
          }}
        />
      ) : null}
    </>
  );
}

export function VolumesView({ hostId, hostName, isAdmin }: ViewProps) {
  const query = useVolumes(hostId);
  return (
    <ObjectsCard<VolumeSummary>
      kind="volumes"
      hostId={hostId}
      hostName={hostName}
      isAdmin={isAdmin}
      query={query}
      searchText={(v) => `${v.name} ${v.driver}`}
    >
      {(items, open) => (
        <Table aria-label="Volumes">
          <Head columns={['Volume', 'Driver', 'Mount point', 'Used by']} isAdmin={isAdmin} />
          <tbody>
            {items.map((volume) => {
              const ref = { target: volume.name, label: volume.name };
              return (
                <Tr key={volume.name} data-volume={volume.name}>
                  <NameCell label={volume.name} onOpen={() => open.inspect(ref)} />
                  <Td>{volume.driver}</Td>
                  <Td className="max-w-80 truncate" title={volume.mountpoint}>
                    <code className="text-muted">{volume.mountpoint ?? '—'}</code>
                  </Td>
                  <UsedByCell names={volume.usedBy} />
                  {isAdmin ? <RemoveCell label={volume.name} onRemove={() => open.remove(ref)} /> : null}
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </ObjectsCard>
  );
}

export function NetworksView({ hostId, hostName, isAdmin }: ViewProps) {
  const query = useNetworks(hostId);
  return (
    <ObjectsCard<NetworkSummary>
      kind="networks"
      hostId={hostId}
      hostName={hostName}
      isAdmin={isAdmin}
      query={query}
      searchText={(n) => `${n.name} ${n.driver} ${n.id}`}
    >
      {(items, open) => (
        <Table aria-label="Networks">
          <Head columns={['Network', 'ID', 'Driver', 'Scope', 'Used by']} isAdmin={isAdmin} />
          <tbody>
            {items.map((network) => {
              const ref = { target: network.id, label: network.name };
              const builtIn = BUILT_IN.has(network.name);
              return (
                <Tr key={network.id} data-network={network.name}>
                  <NameCell label={network.name} onOpen={() => open.inspect(ref)} />
                  <Td>
                    <code className="text-muted">{network.id.slice(0, 12)}</code>
                    {builtIn ? (
                      <Badge className="ml-2" tone="neutral">
                        built in
                      </Badge>
                    ) : null}
                    {network.internal ? (
                      <Badge className="ml-2" tone="accent">
                        internal
                      </Badge>
                    ) : null}
                  </Td>
                  <Td>{network.driver}</Td>
                  <Td>{network.scope ?? '—'}</Td>
                  <UsedByCell names={network.usedBy} />
                  {isAdmin ? (
                    builtIn ? (
                      <Td className="w-12" />
                    ) : (
                      <RemoveCell label={network.name} onRemove={() => open.remove(ref)} />
                    )
                  ) : null}
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </ObjectsCard>
  );
}
