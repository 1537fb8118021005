import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Listens on an ephemeral loopback port and returns it. */
export async function listenOnLoopback(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return address.port;
}

export interface HttpOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  /** Source address of the TCP connection (any 127.x.y.z works on loopback): a distinct client IP. */
  from?: string;
}

/** One real HTTP request on its own connection (no pooling), from a chosen loopback address. */
export function httpRequest(port: number, options: HttpOptions): Promise<RawResponse> {
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? (body ? 'POST' : 'GET'),
        path: options.path,
        agent: false,
        ...(options.from ? { localAddress: options.from } : {}),
        headers: {
          origin: `http://127.0.0.1:${port}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Writes bytes exactly as given on a fresh socket and returns everything read until the server
 * closes the connection; fails if the server keeps it open past `timeoutMs`.
 */
export function rawExchange(port: number, request: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      reject(new Error(`the server kept the connection open: ${Buffer.concat(chunks).toString('latin1')}`));
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.on('error', reject);
  });
}

/** Splits a raw HTTP/1.1 response into status, lower-cased headers and body. */
export function parseRaw(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) };
}
