import type { SshConnection } from '../ssh';

export type SshConnectionProvider = () => Promise<SshConnection>;

export interface ReusedConnection {
  /** The open connection, or a new one when there is none (concurrent callers share one attempt). */
  get: SshConnectionProvider;
  close(): void;
}

/**
 * One SSH connection per host, shared by every call: a `docker ps` every few seconds must not pay a
 * handshake (and a jump chain) each time. A connection that ends, or an attempt that fails, is
 * forgotten, so the next call connects again.
 */
export function reuseConnection(connect: SshConnectionProvider): ReusedConnection {
  let current: Promise<SshConnection> | undefined;
  let closed = false;
  return {
    get() {
      if (closed) return Promise.reject(new Error('this Docker source has been closed'));
      if (current) return current;
      const attempt = connect().then(
        (connection) => {
          connection.onClose(() => {
            if (current === attempt) current = undefined;
          });
          // close() may have come while this attempt was still connecting.
          if (closed) connection.close();
          return connection;
        },
        (error: unknown) => {
          if (current === attempt) current = undefined;
          throw error;
        },
      );
      current = attempt;
      return attempt;
    },
    close() {
      closed = true;
      const pending = current;
      current = undefined;
      pending?.then(
        (connection) => connection.close(),
        () => undefined,
      );
    },
  };
}
