import { randomUUID } from 'node:crypto';
import { DedicatedConnection, type ClusterLog } from './pg-listener';

const CHANNEL = 'archnest_events';
const RECONNECT_MS = 1000;
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes and more. */
const MAX_PAYLOAD = 7900;

export interface BusMessage {
  kind: string;
  data: unknown;
}

/**
 * Fans events out to every replica on one PostgreSQL: `publish` is a NOTIFY on `archnest_events`,
 * every replica LISTENs on its own connection and hands other replicas' messages to `onMessage`
 * (its own come back too and are dropped by the replica id). A replica whose connection drops
 * reconnects every second; messages sent meanwhile do not reach it.
 */
export class ClusterBus {
  readonly replicaId = randomUUID();
  private readonly listeners: ((message: BusMessage) => void)[] = [];
  private readonly connection: DedicatedConnection;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    url: string,
    private readonly log: ClusterLog,
  ) {
    this.connection = new DedicatedConnection(
      url,
      () => this.reconnectSoon(),
      log,
      async (client) => {
        client.on('notification', (n) => {
          if (n.channel === CHANNEL && n.payload) this.receive(n.payload);
        });
        await client.query(`LISTEN ${CHANNEL}`);
      },
    );
  }

  async start(): Promise<void> {
    await this.connection.get();
  }

  onMessage(listener: (message: BusMessage) => void): void {
    this.listeners.push(listener);
  }

  publish(kind: string, data: unknown): void {
    const payload = JSON.stringify({ from: this.replicaId, kind, data });
    if (payload.length > MAX_PAYLOAD) {
      this.log.warn({ kind, bytes: payload.length }, 'cluster event too large to relay');
      return;
    }
    this.connection
      .get()
      .then((client) => client.query('select pg_notify($1, $2)', [CHANNEL, payload]))
      .catch((err: unknown) => this.log.warn({ err, kind }, 'cluster event could not be relayed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.connection.close();
  }

  private receive(payload: string): void {
    let message: { from?: unknown; kind?: unknown; data?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (message.from === this.replicaId || typeof message.kind !== 'string') return;
    for (const listener of this.listeners) {
      try {
        listener({ kind: message.kind, data: message.data });
      } catch (err) {
        this.log.warn({ err, kind: message.kind }, 'cluster event handler failed');
      }
    }
  }

  private reconnectSoon(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connection.get().catch(() => this.reconnectSoon());
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
