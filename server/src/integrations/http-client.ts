import http from 'node:http';
import https from 'node:https';
import { IntegrationError } from './integration-error';
import { isUntrustedError, probeCertificate, trustAgent, type IntegrationTls } from './tls-trust';

export interface HttpAnswer {
  status: number;
  /** The status line's reason phrase: Proxmox puts its error text there too. */
  statusMessage: string;
  contentType: string;
  body: string;
}

export interface HttpGet {
  url: string;
  headers?: Record<string, string>;
  signal: AbortSignal;
}

export interface HttpPost extends HttpGet {
  /** Sent urlencoded with its length; an empty form still sends `Content-Length: 0` (never chunked). */
  form?: Record<string, string>;
}

/** Larger bodies are refused rather than buffered: 5,000 guests of Proxmox JSON stay well below this. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * HTTP(S) for the integrations: one keep-alive agent per instance that verifies TLS as the instance
 * says (see tls-trust.ts), every call bounded by the caller's AbortSignal, failures as IntegrationError.
 */
export class HttpClient {
  private readonly agent: https.Agent;

  constructor(private readonly trust: IntegrationTls) {
    this.agent = trustAgent(trust);
  }

  /** The agent, for SDKs that bring their own HTTP stack (the AWS SDK). */
  get httpsAgent(): https.Agent {
    return this.agent;
  }

  async get(request: HttpGet): Promise<HttpAnswer> {
    const url = new URL(request.url);
    try {
      return await this.send(url, 'GET', request, null);
    } catch (err) {
      throw await this.explain(url, err, request.signal);
    }
  }

  /** A POST whose body length is always declared: Proxmox refuses chunked request bodies (501). */
  async post(request: HttpPost): Promise<HttpAnswer> {
    const url = new URL(request.url);
    const body = Buffer.from(new URLSearchParams(request.form ?? {}).toString(), 'utf8');
    try {
      return await this.send(url, 'POST', request, body);
    } catch (err) {
      throw await this.explain(url, err, request.signal);
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private send(url: URL, method: 'GET' | 'POST', request: HttpGet, body: Buffer | null): Promise<HttpAnswer> {
    const secure = url.protocol === 'https:';
    const bodyHeaders: Record<string, string> = body
      ? {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(body.length),
        }
      : {};
    return new Promise((resolve, reject) => {
      const req = (secure ? https.request : http.request)(url, {
        method,
        headers: {
          accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
          ...request.headers,
          ...bodyHeaders,
        },
        signal: request.signal,
        ...(secure ? { agent: this.agent } : {}),
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy(new IntegrationError('bad_response', 'The answer is larger than 64 MiB.'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.end(body ?? undefined);
    });
  }

  private async explain(url: URL, err: unknown, signal: AbortSignal): Promise<IntegrationError> {
    if (err instanceof IntegrationError) return err;
    if (signal.aborted) return new IntegrationError('timeout', `${url.host} did not answer in time.`);
    if (isUntrustedError(err)) {
      const probe = AbortSignal.timeout(3000);
      const certificate = await probeCertificate(
        url.hostname.replace(/^\[|\]$/g, ''),
        Number(url.port || 443),
        probe,
      );
      const what = certificate?.selfSigned
        ? 'a self-signed certificate'
        : 'a certificate from an unknown issuer';
      return new IntegrationError(
        'tls_untrusted',
        `${url.host} presented ${what} (${err.code}). Compare its SHA-256 fingerprint with the server's and pin it, or add the CA that issued it.`,
        certificate,
      );
    }
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) {
      return new IntegrationError('unreachable', `${url.host} could not be reached (${code}).`);
    }
    const message = err instanceof Error ? err.message : String(err);
    return new IntegrationError('failed', `${url.host}: ${message.slice(0, 200)}`);
  }
}

/** Throws the usual IntegrationError for a status that is not 2xx. */
export function expectOk(answer: HttpAnswer, what: string): void {
  if (answer.status === 401 || answer.status === 403) {
    throw new IntegrationError('auth_failed', `${what} refused the credentials (HTTP ${answer.status}).`);
  }
  if (answer.status < 200 || answer.status > 299) {
    throw new IntegrationError('http_error', `${what} answered HTTP ${answer.status}.`);
  }
}

export function parseJson(answer: HttpAnswer, what: string): unknown {
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    throw new IntegrationError('bad_response', `${what} sent an answer that is not valid JSON.`);
  }
}
