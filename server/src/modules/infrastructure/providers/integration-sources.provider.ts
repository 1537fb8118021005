import { createHash } from 'node:crypto';
import type { Integration } from '../../../integrations/integration';
import type { IntegrationsService } from '../../integrations/integrations.service';
import type { PolledSource, ResourceSourceProvider } from '../resource-source';

/** Every integration instance is a source; its live integration (and connections) is made on first poll. */
export class IntegrationSourcesProvider implements ResourceSourceProvider {
  constructor(private readonly integrations: IntegrationsService) {}

  onChange(listener: () => void): void {
    this.integrations.onChange(() => listener());
  }

  async sources(): Promise<PolledSource[]> {
    const rows = await this.integrations.rows();
    return rows.map((row) => {
      let live: Integration | null = null;
      return {
        id: `integration:${row.id}`,
        kind: row.kind,
        name: row.name,
        pollIntervalSeconds: row.poll_interval_seconds,
        reportedIntervalSeconds: row.poll_interval_seconds,
        timeoutMs: row.timeout_seconds * 1000,
        refreshable: true,
        // Any change to the row (name, config, sealed secrets, TLS, timing) is a new revision.
        revision: createHash('sha256').update(JSON.stringify(row)).digest('hex'),
        poll: (signal) => {
          live ??= this.integrations.integrationFor(row);
          return live.listResources(signal);
        },
        dispose: () => {
          live?.dispose();
          live = null;
        },
      };
    });
  }
}
