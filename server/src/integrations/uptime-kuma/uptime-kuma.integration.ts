import {
  integrationKinds,
  UptimeKumaConfig,
  UptimeKumaSecrets,
  type InfraHealth,
  type InfraResource,
} from '@archnest/contract';
import type { z } from 'zod';
import { expectOk, parseJson } from '../http-client';
import { IntegrationError } from '../integration-error';
import { BaseIntegration, defineIntegration, type ResourceSnapshot } from '../integration';
import { parsePrometheusText } from './prometheus-text';
import { KUMA_STATUS, KumaHeartbeats, KumaStatusPage } from './uptime-kuma.types';

type Config = z.output<typeof UptimeKumaConfig>;
type Secrets = z.output<typeof UptimeKumaSecrets>;

interface Monitor {
  id: number | null;
  name: string;
  type: string | null;
  status: number | null;
  responseMs: number | null;
  uptime24h: number | null;
  lastCheck: string | null;
  message: string | null;
}

const HEALTH: Record<string, InfraHealth> = {
  up: 'ok',
  down: 'error',
  pending: 'warning',
  maintenance: 'off',
};
const METRICS = new Set(['monitor_status', 'monitor_response_time']);

const statusWord = (status: number | null): string =>
  status === null ? 'unknown' : (KUMA_STATUS[status as keyof typeof KUMA_STATUS] ?? 'unknown');

function toResource(m: Monitor): InfraResource {
  const status = statusWord(m.status);
  const details: InfraResource['details'] = [];
  if (m.type) details.push({ label: 'Type', value: m.type });
  if (m.responseMs !== null && m.responseMs >= 0)
    details.push({ label: 'Response time', value: `${m.responseMs} ms` });
  if (m.uptime24h !== null)
    details.push({ label: '24 h uptime', value: `${(m.uptime24h * 100).toFixed(2)} %` });
  if (m.lastCheck) details.push({ label: 'Last check', value: m.lastCheck });
  if (m.message) details.push({ label: 'Message', value: m.message });
  return {
    id: m.id !== null ? `monitor/${m.id}` : `monitor/name:${m.name}`,
    name: m.name,
    type: 'monitor',
    status,
    health: HEALTH[status] ?? 'unknown',
    cpu: null,
    memoryUsedBytes: null,
    memoryTotalBytes: null,
    diskUsedBytes: null,
    diskTotalBytes: null,
    uptimeSeconds: null,
    tags: [],
    details,
  };
}

export function kumaSummary(members: readonly InfraResource[]): string {
  const count = (s: string) => members.filter((m) => m.status === s).length;
  const parts = [`${count('up')} up`, `${count('down')} down`];
  for (const s of ['pending', 'maintenance'] as const) if (count(s)) parts.push(`${count(s)} ${s}`);
  return parts.join(', ');
}

/** Kuma writes `2026-01-01 10:00:00.000` in UTC. */
const kumaTime = (t: string) => (/^\d{4}-\d\d-\d\d \d/.test(t) ? `${t.replace(' ', 'T')}Z` : t);

/**
 * Uptime Kuma: the public status page JSON (monitors, latest heartbeat, 24 h uptime) and/or `/metrics`
 * with an API key (HTTP basic auth, empty user, key as password), which covers every monitor.
 */
export class UptimeKumaIntegration extends BaseIntegration<Config, Secrets> {
  async listResources(signal: AbortSignal): Promise<ResourceSnapshot> {
    const byName = new Map<string, Monitor>();
    if (this.instance.config.statusPageSlug)
      await this.readStatusPage(this.instance.config.statusPageSlug, byName, signal);
    if (this.instance.secrets.apiKey) await this.readMetrics(this.instance.secrets.apiKey, byName, signal);
    const members = [...byName.values()].map(toResource);
    return {
      groups: [
        {
          key: null,
          title: this.instance.name,
          subtitle: 'Uptime Kuma',
          summary: kumaSummary(members),
          members,
        },
      ],
    };
  }

  private base(): string {
    return this.instance.config.url.replace(/\/+$/, '');
  }

  private async readStatusPage(slug: string, into: Map<string, Monitor>, signal: AbortSignal): Promise<void> {
    const page = await this.getJson(`/api/status-page/${slug}`, signal);
    const parsedPage = KumaStatusPage.safeParse(page);
    if (!parsedPage.success)
      throw new IntegrationError('bad_response', `Status page "${slug}" has an unexpected shape.`);
    const beats = KumaHeartbeats.safeParse(await this.getJson(`/api/status-page/heartbeat/${slug}`, signal));
    if (!beats.success)
      throw new IntegrationError('bad_response', `Heartbeats of "${slug}" have an unexpected shape.`);
    for (const group of parsedPage.data.publicGroupList) {
      for (const m of group.monitorList) {
        const list = beats.data.heartbeatList[String(m.id)] ?? [];
        const latest = list.reduce<(typeof list)[number] | undefined>(
          (best, b) => (!best || b.time >= best.time ? b : best),
          undefined,
        );
        into.set(m.name, {
          id: m.id,
          name: m.name,
          type: m.type ?? null,
          status: latest?.status ?? null,
          responseMs: latest?.ping ?? null,
          uptime24h: beats.data.uptimeList[`${m.id}_24`] ?? null,
          lastCheck: latest ? kumaTime(latest.time) : null,
          message: latest?.msg || null,
        });
      }
    }
  }

  private async readMetrics(apiKey: string, into: Map<string, Monitor>, signal: AbortSignal): Promise<void> {
    const answer = await this.http.get({
      url: `${this.base()}/metrics`,
      headers: {
        authorization: `Basic ${Buffer.from(`:${apiKey}`).toString('base64')}`,
        accept: 'text/plain',
      },
      signal,
    });
    expectOk(answer, 'Uptime Kuma /metrics');
    if (!/monitor_status|# (HELP|TYPE) /.test(answer.body)) {
      throw new IntegrationError(
        'bad_response',
        'Uptime Kuma /metrics did not answer with Prometheus metrics.',
      );
    }
    for (const s of parsePrometheusText(answer.body, METRICS)) {
      const name = s.labels.monitor_name;
      if (name === undefined) continue;
      let m = into.get(name);
      if (!m) {
        const id = s.labels.monitor_id ? Number(s.labels.monitor_id) : null;
        m = {
          id,
          name,
          type: s.labels.monitor_type ?? null,
          status: null,
          responseMs: null,
          uptime24h: null,
          lastCheck: null,
          message: null,
        };
        into.set(name, m);
      }
      // /metrics is the current state; it wins over the status page's latest heartbeat.
      if (s.name === 'monitor_status') m.status = s.value;
      else m.responseMs = s.value;
    }
  }

  private async getJson(path: string, signal: AbortSignal): Promise<unknown> {
    const answer = await this.http.get({ url: `${this.base()}${path}`, signal });
    if (answer.status === 404)
      throw new IntegrationError('http_error', `Uptime Kuma has no status page at ${path}.`);
    expectOk(answer, 'Uptime Kuma');
    return parseJson(answer, 'Uptime Kuma');
  }
}

export const uptimeKumaDefinition = defineIntegration<Config, Secrets>({
  meta: integrationKinds['uptime-kuma'],
  config: UptimeKumaConfig,
  secrets: UptimeKumaSecrets,
  check: (config, secrets) =>
    config.statusPageSlug || secrets.apiKey ? null : 'Give a status page slug, an API key, or both.',
  create: (instance) => new UptimeKumaIntegration(instance),
});
