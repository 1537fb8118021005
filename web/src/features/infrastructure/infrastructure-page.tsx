import { useEffect } from 'react';
import { Badge } from '../../components/ui/badge';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/ui/tabs';
import { InfraOverviewPanel } from './infra-overview';
import { OverviewAge } from './overview-age';

export function InfrastructurePage() {
  useEffect(() => {
    document.title = 'Infrastructure · ArchNest';
    return () => {
      document.title = 'ArchNest';
    };
  }, []);

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-[1.6rem] font-semibold tracking-tight">Infrastructure</h1>
          <p className="text-muted">Proxmox nodes, EC2 instances, monitors and hosts at a glance.</p>
        </div>
        <OverviewAge />
      </div>
      <Tabs defaultValue="overview" activationMode="manual">
        <TabsList aria-label="Infrastructure views">
          <TabsTrigger value="overview">Overview</TabsTrigger>
          {/* Visible so people know it is planned; disabled, so it cannot be mistaken for a feature. */}
          <TabsTrigger value="network" disabled className="disabled:cursor-not-allowed disabled:opacity-60">
            Network
            <Badge className="ml-1">Coming soon</Badge>
          </TabsTrigger>
        </TabsList>
        <TabsContent value="overview" className="pt-5 outline-none">
          <InfraOverviewPanel />
        </TabsContent>
      </Tabs>
    </div>
  );
}
