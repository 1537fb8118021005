import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { certFingerprint } from '../../../server/src/crypto/self-signed-cert';
import { maskEnvEntry } from '../../../server/src/docker/secret-env';
import { ApiRefusal, matchRoute, type Matched } from './api-routes';
import type { AgentConfig } from './args';
import { enrol } from './enrol';
import { BODY_LIMIT, execCreateBody, execStartBody, readBody } from './exec-bodies';
import type { StateStore } from './state';

export const AGENT_VERSION = '1';
/** A whole answer (a list, an inspect) is held at most this large; logs and stats stream instead. */
const WHOLE_LIMIT = 64 * 1024 * 1024;

export type Log = (entry: Record<string, unknown>) => void;

function peerFingerprint(socket: TLSSocket): string | undefined {
  const cert = socket.getPeerCertificate();
  return cert?.raw ? certFingerprint(cert.raw) : undefined;
}

/**
 * The agent's HTTPS server: TLS 1.3 only, a client certificate asked of everyone and checked against
 * the pin on every request (not only per connection), then the fixed API table, then Docker.
 */
export function createAgentServer(config: AgentConfig, store: StateStore, log: Log): https.Server {
  const state = store.state;
  const docker = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const execIds = new Set<string>();

  const authorise = (socket: TLSSocket): string => {
    if (!state.pinned)
      throw new ApiRefusal(401, 'not_enrolled', 'This agent is not enrolled yet; enrol it from ArchNest.');
    const peer = peerFingerprint(socket);
    if (!peer) throw new ApiRefusal(401, 'client_certificate_required', 'A client certificate is required.');
    if (peer !== state.pinned)
      throw new ApiRefusal(
        401,
        'client_certificate_refused',
        `The client certificate ${peer} is not the one pinned at enrolment (${state.pinned}); enrol again to change it.`,
      );
    return peer;
  };

  const permit = (matched: Matched) => {
    if (matched.need === 'manage' && config.monitorOnly)
      throw new ApiRefusal(403, 'monitor_only', 'This agent is monitor-only: it does not change containers.');
    if (matched.need === 'exec' && (config.monitorOnly || !config.allowExec))
      throw new ApiRefusal(403, 'exec_disabled', 'Exec is not enabled on this agent (--allow-exec).');
    if (matched.execId && !execIds.has(matched.execId))
      throw new ApiRefusal(404, 'not_found', 'No exec with that id was started through this agent.');
  };

  const server = https.createServer({
    key: state.keyPem,
    cert: state.certPem,
    minVersion: 'TLSv1.3',
    maxVersion: 'TLSv1.3',
    requestCert: true,
    rejectUnauthorized: false,
    // Keystrokes and their echoes are tiny writes: no Nagle delay on them.
    noDelay: true,
  });

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    const socket = req.socket as TLSSocket;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    let peer = peerFingerprint(socket);
    const done = (status: number, extra: Record<string, unknown> = {}) =>
      log({
        event: 'request',
        peer: peer ?? null,
        method,
        path: url,
        status,
        ms: Math.round(performance.now() - started),
        ...extra,
      });
    const refuse = (error: unknown) => {
      const refusal =
        error instanceof ApiRefusal
          ? error
          : new ApiRefusal(502, 'docker_failed', `Docker could not be asked: ${(error as Error).message}`);
      if (!res.headersSent) {
        // After a refused body the rest of it may still be arriving: the connection is not reused.
        if (refusal.status === 413) res.shouldKeepAlive = false;
        sendJson(res, refusal.status, { error: refusal.code, message: refusal.message });
      } else res.destroy();
      done(refusal.status, { refused: refusal.code });
    };
    void (async () => {
      if (url === '/archnest/enrol' || url === '/archnest/agent') {
        const body = method === 'POST' ? await readBody(req, lengthOf(req)) : Buffer.alloc(0);
        if (url === '/archnest/enrol' && method === 'POST') {
          const answer = enrol(config, store, socket, body, log);
          sendJson(res, 200, answer);
          return done(200, { enrolled: true });
        }
        if (url === '/archnest/agent' && method === 'GET') {
          peer = authorise(socket);
          const info = {
            version: AGENT_VERSION,
            fingerprint: state.fingerprint,
            monitorOnly: config.monitorOnly,
            execEnabled: config.allowExec && !config.monitorOnly,
          };
          sendJson(res, 200, info);
          return done(200);
        }
        throw new ApiRefusal(
          405,
          'method_not_allowed',
          `${method} ${url} is not part of the pull agent's API.`,
        );
      }
      peer = authorise(socket);
      const matched = matchRoute(method, url);
      permit(matched);
      if (matched.spec.kind === 'exec-start')
        throw new ApiRefusal(
          400,
          'invalid_request',
          'An exec starts only as an upgraded (attached) connection.',
        );
      const raw = await readBody(req, lengthOf(req));
      const body = matched.spec.kind === 'exec-create' ? execCreateBody(raw) : undefined;
      await forward(matched, method, body, res, docker, config.socketPath, execIds, (status) => done(status));
    })().catch(refuse);
  });

  server.on('upgrade', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    const socket = req.socket as TLSSocket;
    const started = performance.now();
    const peer = peerFingerprint(socket);
    const log1 = (status: number, extra: Record<string, unknown> = {}) =>
      log({
        event: 'exec-attach',
        peer: peer ?? null,
        method: req.method,
        path: req.url,
        status,
        ms: Math.round(performance.now() - started),
        ...extra,
      });
    void (async () => {
      authorise(socket);
      const matched = matchRoute(req.method ?? 'GET', req.url ?? '/');
      if (matched.spec.kind !== 'exec-start')
        throw new ApiRefusal(400, 'invalid_request', 'Only an exec start may upgrade the connection.');
      permit(matched);
      const { body, rest } = await readUpgradeBody(client, head, lengthOf(req) ?? 0);
      const forwarded = Buffer.from(execStartBody(body));
      const daemon = net.connect(config.socketPath);
      daemon.write(
        `POST ${matched.dockerPath} HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${forwarded.length}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`,
      );
      daemon.write(forwarded);
      if (rest.length > 0) daemon.write(rest);
      daemon.pipe(client);
      client.pipe(daemon);
      client.resume();
      const close = () => {
        daemon.destroy();
        client.destroy();
      };
      daemon.once('error', close);
      client.once('error', close);
      daemon.once('close', () => client.end());
      log1(101);
    })().catch((error: unknown) => {
      const refusal =
        error instanceof ApiRefusal ? error : new ApiRefusal(502, 'docker_failed', String(error));
      const text = JSON.stringify({ error: refusal.code, message: refusal.message });
      client.end(
        `HTTP/1.1 ${refusal.status} ${http.STATUS_CODES[refusal.status] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
      log1(refusal.status, { refused: refusal.code });
    });
  });
  return server;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

function lengthOf(req: http.IncomingMessage): number | undefined {
  const value = req.headers['content-length'];
  return value === undefined ? undefined : Number(value);
}

function readUpgradeBody(
  client: Duplex,
  head: Buffer,
  length: number,
): Promise<{ body: Buffer; rest: Buffer }> {
  if (!Number.isInteger(length) || length > BODY_LIMIT)
    return Promise.reject(
      new ApiRefusal(413, 'body_too_large', `Bodies are limited to ${BODY_LIMIT} bytes.`),
    );
  return new Promise((resolve, reject) => {
    let buffered = head;
    const check = () => {
      if (buffered.length < length) return false;
      client.removeListener('data', onData);
      client.pause();
      resolve({ body: buffered.subarray(0, length), rest: buffered.subarray(length) });
      return true;
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      check();
    };
    if (check()) return;
    client.on('data', onData);
    client.once('error', reject);
  });
}

/** One call to Docker over its socket; the answer streams back, except inspect, which is masked first. */
function forward(
  matched: Matched & { query: string },
  method: string,
  body: string | undefined,
  res: http.ServerResponse,
  agent: http.Agent,
  socketPath: string,
  execIds: Set<string>,
  done: (status: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { host: 'docker' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const request = http.request(
      { socketPath, agent, method, path: `${matched.dockerPath}${matched.query}`, headers },
      (answer) => {
        const status = answer.statusCode ?? 502;
        const type = answer.headers['content-type'] ?? 'application/octet-stream';
        // A whole answer leaves in one write with its length: fewer TLS records and wake-ups than a pipe.
        const buffered = matched.spec.kind !== 'stream';
        if (!buffered) {
          res.writeHead(status, { 'content-type': type });
          answer.pipe(res);
          res.once('close', () => {
            // A followed log or stats stream ends when the client goes; a finished answer keeps its socket.
            if (!answer.complete) answer.destroy();
            done(status);
            resolve();
          });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > WHOLE_LIMIT) answer.destroy(new Error('the answer is too large'));
          else chunks.push(chunk);
        });
        answer.once('error', reject);
        answer.once('end', () => {
          let whole = Buffer.concat(chunks);
          const rewritten = matched.spec.kind === 'inspect' || matched.spec.kind === 'exec-create';
          if (rewritten && (status === 200 || status === 201))
            whole = Buffer.from(rewrite(matched, whole.toString('utf8'), execIds));
          if (status === 204 || status === 304 || method === 'HEAD') res.writeHead(status).end();
          else res.writeHead(status, { 'content-type': type, 'content-length': whole.length }).end(whole);
          done(status);
          resolve();
        });
      },
    );
    let answered = false;
    request.once('response', () => (answered = true));
    request.once('error', reject);
    // A client gone before Docker answered: the call to Docker goes too.
    res.once('close', () => {
      if (!answered) request.destroy();
    });
    request.end(body);
  });
}

function rewrite(matched: Matched, text: string, execIds: Set<string>): string {
  const value = JSON.parse(text) as Record<string, unknown>;
  if (matched.spec.kind === 'exec-create') {
    if (typeof value.Id === 'string') {
      execIds.add(value.Id);
      // Docker forgets finished execs too; the oldest ids go first past a thousand.
      if (execIds.size > 1000) execIds.delete(execIds.values().next().value as string);
    }
    return text;
  }
  const config = value.Config as { Env?: unknown } | undefined;
  if (config && Array.isArray(config.Env))
    config.Env = config.Env.map((entry) => {
      const masked = maskEnvEntry(String(entry));
      return `${masked.name}=${masked.value}`;
    });
  return JSON.stringify(value);
}
