import type {
  AgentContainerDetail,
  AgentHost,
  AgentHostContainers,
  AgentReport,
  AgentSample,
} from '@archnest/contract';
import type { Clock } from '../../clock';
import {
  findReported,
  toAgentContainer,
  toAgentContainerDetail,
  toStoredContainers,
  type StoredAgentContainer,
} from '../../docker/agent-report-source';
import { observeReported, type ContainerObservation } from '../../docker/container-observation';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import type { AgentHostRow, AgentReportsRepo, AgentSampleRow } from './agent-reports.repo';
import type { AgentPrincipal } from './agent-tokens.service';

export const DEFAULT_SAMPLE_RETENTION_MS = 24 * 3_600_000;
/** Samples per container in a list row's sparkline. */
const RECENT_SAMPLES = 30;

/** A host is stale once its last report is older than twice its interval plus 20 s of slack. */
export function isStale(row: Pick<AgentHostRow, 'last_report_at' | 'interval_seconds'>, now: Date): boolean {
  const age = now.getTime() - Date.parse(row.last_report_at);
  return age > row.interval_seconds * 2_000 + 20_000;
}

function toSample(row: AgentSampleRow): AgentSample {
  return { at: row.at, cpuPercent: row.cpu_percent, memoryBytes: row.memory_bytes };
}

function storedContainers(row: AgentHostRow): StoredAgentContainer[] {
  return JSON.parse(row.containers) as StoredAgentContainer[];
}

/** Stores what agents push and answers the read-only views of it. */
export class AgentReportsService {
  private readonly hostListListeners: (() => void)[] = [];

  constructor(
    private readonly repo: AgentReportsRepo,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly retentionMs = DEFAULT_SAMPLE_RETENTION_MS,
  ) {}

  /** Called when a host appears (its first report) or is removed; not on every report. */
  onHostListChange(listener: () => void): void {
    this.hostListListeners.push(listener);
  }

  async ingest(principal: AgentPrincipal, report: AgentReport): Promise<{ receivedAt: string }> {
    if (principal.kind === 'host' && principal.hostLabel !== report.hostLabel) {
      throw new AppError(
        403,
        'agent_host_mismatch',
        `This token may only report for host "${principal.hostLabel}", not "${report.hostLabel}".`,
      );
    }
    const now = this.clock.now();
    const receivedAt = now.toISOString();
    const previous = await this.repo.findHost(report.hostLabel);
    const containers = toStoredContainers(report.containers, previous ? storedContainers(previous) : []);
    await this.repo.store({
      host: {
        label: report.hostLabel,
        hostname: report.host.hostname,
        docker_version: report.host.dockerVersion,
        os: report.host.os,
        cpus: report.host.cpus,
        memory_bytes: report.host.memoryBytes,
        agent_version: report.agentVersion,
        interval_seconds: report.intervalSeconds,
        first_report_at: previous?.first_report_at ?? receivedAt,
        last_report_at: receivedAt,
        container_count: containers.length,
        running_count: containers.filter((c) => c.state === 'running').length,
        containers: JSON.stringify(containers),
      },
      samples: containers
        .filter((c) => c.stats)
        .map((c) => ({
          host_label: report.hostLabel,
          container_id: c.id,
          at: receivedAt,
          cpu_percent: c.cpuPercent,
          memory_bytes: c.memoryBytes,
        })),
      pruneBefore: new Date(now.getTime() - this.retentionMs).toISOString(),
      tokenId: principal.kind === 'host' ? principal.tokenId : null,
    });
    if (!previous) for (const listener of this.hostListListeners) listener();
    return { receivedAt };
  }

  /** Every agent host with its counts, last report time and stale flag (also for the Infrastructure page). */
  async listHosts(): Promise<AgentHost[]> {
    const now = this.clock.now();
    return (await this.repo.listHosts()).map((row) => this.toHost(row, now));
  }

  async hostContainers(label: string): Promise<AgentHostContainers> {
    const row = await this.host(label);
    const now = this.clock.now();
    const window = Math.max(RECENT_SAMPLES * row.interval_seconds * 1000, 15 * 60_000);
    const since = new Date(now.getTime() - window).toISOString();
    const byContainer = new Map<string, AgentSample[]>();
    for (const sample of await this.repo.samples(label, since)) {
      const list = byContainer.get(sample.container_id) ?? [];
      list.push(toSample(sample));
      byContainer.set(sample.container_id, list);
    }
    return {
      host: this.toHost(row, now),
      containers: storedContainers(row).map((c) =>
        toAgentContainer(c, (byContainer.get(c.id) ?? []).slice(-RECENT_SAMPLES)),
      ),
    };
  }

  /**
   * The latest report's containers without samples (the Infrastructure page draws no sparklines), and
   * what alert rules read of them.
   */
  async latestContainers(
    label: string,
  ): Promise<AgentHostContainers & { observations: ContainerObservation[] }> {
    const row = await this.host(label);
    const stored = storedContainers(row);
    return {
      host: this.toHost(row, this.clock.now()),
      containers: stored.map((c) => toAgentContainer(c, [])),
      observations: stored.map(observeReported),
    };
  }

  async container(label: string, ref: string): Promise<AgentContainerDetail> {
    const row = await this.host(label);
    const container = findReported(storedContainers(row), ref);
    if (!container) throw notFound(`Container ${ref} on ${label}`);
    const since = new Date(this.clock.now().getTime() - this.retentionMs).toISOString();
    const samples = (await this.repo.samples(label, since, container.id)).map(toSample);
    return toAgentContainerDetail(container, label, row.last_report_at, samples);
  }

  async deleteHost(actor: Actor, label: string): Promise<void> {
    await this.host(label);
    await this.repo.deleteHost(label);
    for (const listener of this.hostListListeners) listener();
    await this.audit.record(actor, {
      action: 'agent_host.deleted',
      targetType: 'agent_host',
      targetName: label,
    });
  }

  private async host(label: string): Promise<AgentHostRow> {
    const row = await this.repo.findHost(label);
    if (!row) throw notFound(`Agent host ${label}`);
    return row;
  }

  private toHost(row: AgentHostRow, now: Date): AgentHost {
    return {
      label: row.label,
      hostname: row.hostname,
      dockerVersion: row.docker_version,
      os: row.os,
      cpus: Number(row.cpus),
      memoryBytes: Number(row.memory_bytes),
      agentVersion: row.agent_version,
      intervalSeconds: Number(row.interval_seconds),
      firstReportAt: row.first_report_at,
      lastReportAt: row.last_report_at,
      stale: isStale(row, now),
      containerCount: Number(row.container_count),
      runningCount: Number(row.running_count),
    };
  }
}
