import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { makeCaIssuedCert, makeSelfSignedCert, type ServerCert } from '../tls-certs';

/** What a fake does wrong on purpose: hang, answer 500, or send a body that does not parse. */
export type FakeFault = 'timeout' | '500' | 'malformed' | null;

/** `self-signed`: a leaf nobody issued; `ca-issued`: a leaf from the fake's own CA (as a Proxmox cluster). */
export type FakeTls = 'self-signed' | 'ca-issued';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeAnswer {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
  /** The status line's reason phrase (Proxmox puts its error text there). */
  statusMessage?: string;
}

export interface FakeServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  tls?: FakeTls;
  /** A fault from the start (change it later with `setFault`). */
  fault?: FakeFault;
}

export interface FakeServer {
  /** `http(s)://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** SHA-256 of the served leaf (`AB:CD:…`), null over plain HTTP. */
  fingerprint: string | null;
  /** The issuing CA for `ca-issued`, else null. */
  caPem: string | null;
  /** Requests answered or held so far. */
  requests(): number;
  /** TLS handshakes that resumed an earlier session (a pinned client must never resume). */
  resumedSessions(): number;
  setFault(fault: FakeFault): void;
  stop(): Promise<void>;
}

/**
 * The HTTP(S) plumbing every vendor fake shares: loopback only, faults applied before the vendor
 * handler runs, and hung requests released on stop so a test never waits on them.
 */
export async function startFakeHttp(
  options: FakeServerOptions,
  malformed: FakeAnswer,
  handler: (request: FakeRequest) => FakeAnswer,
  /** WebSocket upgrades (Proxmox's vncwebsocket); without it an upgrade is dropped. */
  onUpgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void,
): Promise<FakeServer> {
  let fault: FakeFault = options.fault ?? null;
  let requests = 0;
  let resumed = 0;
  let cert: ServerCert | null = null;
  let certDir: string | null = null;
  if (options.tls) {
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-fake-tls-'));
    cert = options.tls === 'self-signed' ? makeSelfSignedCert(certDir) : makeCaIssuedCert(certDir);
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (fault === 'timeout') return; // held until the client gives up or the fake stops
      const url = new URL(req.url ?? '/', 'http://fake');
      let answer: FakeAnswer;
      if (fault === '500') {
        answer = { status: 500, type: 'text/plain', body: 'Internal Server Error' };
      } else if (fault === 'malformed') {
        answer = malformed;
      } else {
        answer = handler({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      }
      const headers = { 'content-type': answer.type, ...answer.headers };
      if (answer.statusMessage) res.writeHead(answer.status, answer.statusMessage, headers);
      else res.writeHead(answer.status, headers);
      res.end(answer.body);
    });
  };

  const server = cert
    ? https.createServer({ cert: cert.certPem, key: cert.keyPem }, listener)
    : http.createServer(listener);
  // Upgraded sockets leave the server's bookkeeping: closeAllConnections() would not end them.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    requests += 1;
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    if (onUpgrade && fault === null) onUpgrade(req, socket, head);
    else socket.destroy();
  });
  if (cert) {
    server.on('secureConnection', (socket: TLSSocket) => {
      if (socket.isSessionReused()) resumed += 1;
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  return {
    url: `${cert ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    fingerprint: cert?.fingerprint ?? null,
    caPem: cert?.caPem ?? null,
    requests: () => requests,
    resumedSessions: () => resumed,
    setFault(next) {
      fault = next;
    },
    async stop() {
      server.closeAllConnections();
      for (const socket of upgraded) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (certDir) fs.rmSync(certDir, { recursive: true, force: true });
    },
  };
}

export const json = (status: number, value: unknown): FakeAnswer => ({
  status,
  type: 'application/json;charset=UTF-8',
  body: JSON.stringify(value),
});
