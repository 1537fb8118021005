import { json, startFakeHttp, type FakeServer, type FakeServerOptions } from './fake-http';

export interface KumaFakeMonitor {
  id: number;
  name: string;
  type: string;
  url: string;
  /** 0 down, 1 up, 2 pending, 3 maintenance, as Uptime Kuma numbers them. */
  status: 0 | 1 | 2 | 3;
  ping: number | null;
  uptime24h: number;
}

export interface UptimeKumaFakeOptions extends FakeServerOptions {
  slug?: string;
  apiKey?: string;
  /** Extra monitors beyond the fixed five (for benchmarks). */
  extraMonitors?: number;
}

export interface UptimeKumaFake extends FakeServer {
  slug: string;
  apiKey: string;
  monitors: KumaFakeMonitor[];
}

/** Five monitors covering every status, one whose name needs escaping in Prometheus labels. */
export function kumaMonitors(extra = 0): KumaFakeMonitor[] {
  const list: KumaFakeMonitor[] = [
    {
      id: 1,
      name: 'Website',
      type: 'http',
      url: 'https://example.com',
      status: 1,
      ping: 42,
      uptime24h: 0.9993,
    },
    {
      id: 2,
      name: 'API "v2" \\ edge',
      type: 'keyword',
      url: 'https://api.example.com',
      status: 1,
      ping: 87,
      uptime24h: 1,
    },
    { id: 3, name: 'Mail', type: 'port', url: '', status: 0, ping: null, uptime24h: 0.8125 },
    { id: 4, name: 'Backup', type: 'push', url: '', status: 2, ping: null, uptime24h: 0.95 },
    { id: 5, name: 'Printer', type: 'ping', url: '', status: 3, ping: 3, uptime24h: 1 },
  ];
  for (let i = 0; i < extra; i++) {
    list.push({
      id: 100 + i,
      name: `service-${100 + i}`,
      type: 'http',
      url: `https://svc${i}.example.com`,
      status: i % 25 === 24 ? 0 : 1,
      ping: 20 + (i % 50),
      uptime24h: 0.999,
    });
  }
  return list;
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function metricsText(monitors: KumaFakeMonitor[]): string {
  const labels = (m: KumaFakeMonitor) =>
    `monitor_name="${label(m.name)}",monitor_type="${m.type}",monitor_url="${label(m.url || 'https://')}",monitor_hostname="null",monitor_port="null"`;
  return [
    '# HELP monitor_cert_days_remaining The number of days remaining until the certificate expires',
    '# TYPE monitor_cert_days_remaining gauge',
    ...monitors.map((m) => `monitor_cert_days_remaining{${labels(m)}} 60`),
    '# HELP monitor_response_time Monitor Response Time (ms)',
    '# TYPE monitor_response_time gauge',
    ...monitors.map((m) => `monitor_response_time{${labels(m)}} ${m.ping ?? -1}`),
    '# HELP monitor_status Monitor Status (1 = UP, 0= DOWN, 2= PENDING, 3= MAINTENANCE)',
    '# TYPE monitor_status gauge',
    ...monitors.map((m) => `monitor_status{${labels(m)}} ${m.status}`),
    '# HELP process_cpu_user_seconds_total Total user CPU time spent in seconds.',
    '# TYPE process_cpu_user_seconds_total counter',
    'process_cpu_user_seconds_total 12.5',
    '',
  ].join('\n');
}

const kumaTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Uptime Kuma on loopback: the public status page JSON (`/api/status-page/<slug>` and
 * `/api/status-page/heartbeat/<slug>`) and `/metrics` behind HTTP basic auth with the API key as the
 * password (any user name), as Uptime Kuma 1.23+ serves them.
 */
export async function startUptimeKumaFake(options: UptimeKumaFakeOptions = {}): Promise<UptimeKumaFake> {
  const slug = options.slug ?? 'homelab';
  const apiKey = options.apiKey ?? 'uk1_fakeApiKey0123456789';
  const monitors = kumaMonitors(options.extraMonitors);
  const server = await startFakeHttp(
    options,
    { status: 200, type: 'application/json; charset=utf-8', body: '{"config":{"slug":' },
    (req) => {
      if (req.path === '/metrics') {
        const auth = req.headers.authorization ?? '';
        const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : '';
        if (decoded.slice(decoded.indexOf(':') + 1) !== apiKey || !decoded.includes(':')) {
          return {
            status: 401,
            type: 'text/plain',
            body: 'Unauthorized',
            headers: { 'www-authenticate': 'Basic realm="Uptime Kuma"' },
          };
        }
        return { status: 200, type: 'text/plain; version=0.0.4; charset=utf-8', body: metricsText(monitors) };
      }
      if (req.path === `/api/status-page/${slug}`) {
        return json(200, {
          config: {
            slug,
            title: 'Homelab',
            description: null,
            icon: '/icon.svg',
            theme: 'auto',
            published: true,
            showTags: false,
          },
          incident: null,
          publicGroupList: [
            {
              id: 1,
              name: 'Services',
              weight: 1,
              monitorList: monitors.map((m) => ({ id: m.id, name: m.name, sendUrl: 0, type: m.type })),
            },
          ],
          maintenanceList: [],
        });
      }
      if (req.path === `/api/status-page/heartbeat/${slug}`) {
        const now = new Date();
        return json(200, {
          heartbeatList: Object.fromEntries(
            monitors.map((m) => [
              String(m.id),
              [
                { status: 1, time: kumaTime(new Date(now.getTime() - 120_000)), msg: '', ping: m.ping },
                {
                  status: m.status,
                  time: kumaTime(now),
                  msg: m.status === 0 ? 'connect ECONNREFUSED' : '',
                  ping: m.ping,
                },
              ],
            ]),
          ),
          uptimeList: Object.fromEntries(monitors.map((m) => [`${m.id}_24`, m.uptime24h])),
        });
      }
      if (req.path.startsWith('/api/status-page/'))
        return json(404, { ok: false, msg: 'Status Page Not Found' });
      return { status: 404, type: 'text/html', body: '<!DOCTYPE html><title>Uptime Kuma</title>' };
    },
  );
  return { ...server, slug, apiKey, monitors };
}
