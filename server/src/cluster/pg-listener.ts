import type pg from 'pg';
import { lazyRequire } from '../util/lazy-require';

const loadPg = lazyRequire<typeof pg>('pg');

export interface ClusterLog {
  info(detail: object, message: string): void;
  warn(detail: object, message: string): void;
}

/**
 * One dedicated PostgreSQL connection that comes back after it drops: what LISTEN and session-level
 * advisory locks need (both belong to one connection, and end with it).
 */
export class DedicatedConnection {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly onLost: () => void,
    private readonly log: ClusterLog,
    private readonly onConnected: (client: pg.Client) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** The live connection, opening one when there is none. */
  get(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new (loadPg().Client)({ connectionString: this.url, keepAlive: true });
    let lost = false;
    const drop = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      if (!this.closed) {
        this.log.warn({ err }, 'cluster connection to PostgreSQL lost');
        this.onLost();
      }
      void client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', () => drop());
    await client.connect();
    await this.onConnected(client);
    if (this.closed) {
      await client.end();
      throw new Error('closed');
    }
    this.client = client;
    return client;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => null));
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
