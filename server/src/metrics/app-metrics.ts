import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PollLog } from '../modules/infrastructure/source-poller';

export interface TerminalFigures {
  live(): number;
  relayedBytes(): { in: number; out: number };
}

/**
 * The process's Prometheus metrics, in a registry of its own (tests build several apps in one
 * process). Terminal figures are read at scrape time from the session registry, so the relay's hot
 * path does no extra work; HTTP, poll and agent figures are recorded as they happen.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'route' | 'method' | 'status_class'>;
  private readonly pollSeconds: Histogram<'source' | 'kind'>;
  private readonly pollErrors: Counter<'source' | 'kind' | 'code'>;
  private readonly reportsAccepted: Counter;
  private readonly reportsRefused: Counter<'reason'>;

  constructor(terminals: TerminalFigures) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'archnest_http_request_duration_seconds',
      help: 'HTTP request durations by route pattern, method and status class.',
      labelNames: ['route', 'method', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    new Gauge({
      name: 'archnest_terminal_sessions',
      help: 'Live terminal sessions (SSH shells and container consoles), attached or not.',
      registers,
      collect() {
        this.set(terminals.live());
      },
    });
    let counted = { in: 0, out: 0 };
    new Counter({
      name: 'archnest_terminal_relayed_bytes_total',
      help: 'Bytes relayed by terminals: typed into the shell (in) and printed by it (out).',
      labelNames: ['direction'],
      registers,
      collect() {
        const now = terminals.relayedBytes();
        this.inc({ direction: 'in' }, now.in - counted.in);
        this.inc({ direction: 'out' }, now.out - counted.out);
        counted = now;
      },
    });
    this.pollSeconds = new Histogram({
      name: 'archnest_infrastructure_poll_duration_seconds',
      help: 'How long each infrastructure poll took, per source.',
      labelNames: ['source', 'kind'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.pollErrors = new Counter({
      name: 'archnest_infrastructure_poll_errors_total',
      help: 'Failed infrastructure polls, per source and error code.',
      labelNames: ['source', 'kind', 'code'],
      registers,
    });
    this.reportsAccepted = new Counter({
      name: 'archnest_agent_reports_accepted_total',
      help: 'Docker agent reports stored.',
      registers,
    });
    this.reportsRefused = new Counter({
      name: 'archnest_agent_reports_refused_total',
      help: 'Docker agent reports refused, by the error code answered.',
      labelNames: ['reason'],
      registers,
    });
  }

  /** `route` is the route's pattern (`/api/hosts/:id`), never the requested URL. */
  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.http.observe({ route, method, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  readonly pollObserver: NonNullable<PollLog['polled']> = ({ source, kind, seconds, code }) => {
    this.pollSeconds.observe({ source, kind }, seconds);
    if (code) this.pollErrors.inc({ source, kind, code });
  };

  agentReport(refusal: string | null): void {
    if (refusal === null) this.reportsAccepted.inc();
    else this.reportsRefused.inc({ reason: refusal });
  }
}

/** The app's metrics when ARCHNEST_METRICS=true, else null (nothing is measured). */
export function createMetrics(
  enabled: boolean,
  terminals: { registry: { size: number; relayedBytes(): { in: number; out: number } } },
): AppMetrics | null {
  if (!enabled) return null;
  return new AppMetrics({
    live: () => terminals.registry.size,
    relayedBytes: () => terminals.registry.relayedBytes(),
  });
}
