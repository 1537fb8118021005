import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { Badge } from '../../components/ui/badge';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/ui/tabs';
import { useNow } from '../../lib/use-now';
import { useFeature } from '../../lib/use-features';
import { HealthDot } from './health-dot';
import { InfraOverviewPanel } from './infra-overview';
import { OverviewAge } from './overview-age';
import { SourceTab } from './source-tab';
import { useInfrastructureOverview } from '../../api/use-infrastructure';

const OVERVIEW = 'overview';

/** An integration's tab shows the health of its source's state: red when its latest poll failed. */
const stateHealth = { ok: 'ok', error: 'error', pending: 'unknown' } as const;

function SourceTabContent({ sourceId }: { sourceId: string }) {
  const now = useNow(1000);
  const source = useInfrastructureOverview().data?.sources.find((s) => s.id === sourceId);
  return source ? <SourceTab source={source} now={now} /> : null;
}

export function InfrastructurePage() {
  useEffect(() => {
    document.title = 'Infrastructure · ArchNest';
    return () => {
      document.title = 'ArchNest';
    };
  }, []);
  const tabsOn = useFeature('infrastructureTabs');
  const overview = useInfrastructureOverview();
  const [params, setParams] = useSearchParams();
  // Pro: a tab per integration instance, its id in the URL (`?view=integration:<id>`).
  const integrations = tabsOn
    ? (overview.data?.sources.filter((s) => s.id.startsWith('integration:')) ?? [])
    : [];
  const wanted = params.get('view');
  const view = wanted && integrations.some((s) => s.id === wanted) ? wanted : OVERVIEW;
  const select = (value: string) => setParams(value === OVERVIEW ? {} : { view: value });

  return (
    <div className="flex min-w-0 flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-[1.6rem] font-semibold tracking-tight">Infrastructure</h1>
          <p className="text-muted">Proxmox nodes, EC2 instances, monitors and hosts at a glance.</p>
        </div>
        <OverviewAge />
      </div>
      <Tabs value={view} onValueChange={select} activationMode="manual">
        <TabsList aria-label="Infrastructure views" wrap>
          <TabsTrigger value={OVERVIEW}>Overview</TabsTrigger>
          {integrations.map((source) => (
            <TabsTrigger
              key={source.id}
              value={source.id}
              icon={
                <span aria-hidden className="inline-flex">
                  <HealthDot health={stateHealth[source.state]} />
                </span>
              }
              className="max-w-[16rem]"
            >
              <span className="truncate">{source.name}</span>
            </TabsTrigger>
          ))}
          {/* Visible so people know it is planned; disabled, so it cannot be mistaken for a feature. */}
          <TabsTrigger value="network" disabled className="disabled:cursor-not-allowed disabled:opacity-60">
            Network
            <Badge className="ml-1">Coming soon</Badge>
          </TabsTrigger>
        </TabsList>
        <TabsContent value={OVERVIEW} className="pt-5 outline-none">
          <InfraOverviewPanel />
        </TabsContent>
        {view !== OVERVIEW ? (
          <TabsContent value={view} className="min-w-0 pt-5 outline-none">
            <SourceTabContent sourceId={view} />
          </TabsContent>
        ) : null}
      </Tabs>
    </div>
  );
}
