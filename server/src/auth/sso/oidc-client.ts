import https from 'node:https';
import tls from 'node:tls';
import * as oidc from 'openid-client';
import type { EffectiveSso } from './sso-settings.service';

const TIMEOUT_SECONDS = 10;
const CACHE_MS = 5 * 60_000;

/**
 * Fetch for openid-client over node:https with the system roots plus the configured CA. Chain and
 * hostname verification stay on; there is no option to turn them off.
 */
export function caFetch(caPem: string): oidc.CustomFetch {
  const agent = new https.Agent({ ca: [...tls.rootCertificates, caPem], keepAlive: false });
  return (url, options) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:') {
        reject(new Error('the identity provider must be reached over https'));
        return;
      }
      const req = https.request(
        target,
        { method: options.method, headers: options.headers, agent, signal: options.signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (Array.isArray(value)) for (const v of value) headers.append(name, v);
              else if (value !== undefined) headers.set(name, value);
            }
            const status = res.statusCode ?? 502;
            const body = [204, 304].includes(status) ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, headers }));
          });
        },
      );
      req.on('error', reject);
      const body = options.body;
      if (body === undefined || body === null) req.end();
      else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
      else if (body instanceof URLSearchParams) req.end(body.toString());
      else if (body instanceof ArrayBuffer) req.end(Buffer.from(body));
      else reject(new Error('unsupported request body'));
    });
}

/** Discovery results per settings, so a sign-in does not fetch the provider's metadata every time. */
export class OidcClients {
  private cached: { key: string; at: number; config: Promise<oidc.Configuration> } | null = null;

  async configuration(settings: EffectiveSso): Promise<oidc.Configuration> {
    const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret, settings.caPem]);
    const now = Date.now();
    if (this.cached && this.cached.key === key && now - this.cached.at < CACHE_MS) return this.cached.config;
    const options: oidc.DiscoveryRequestOptions = { timeout: TIMEOUT_SECONDS };
    if (settings.caPem) options[oidc.customFetch] = caFetch(settings.caPem);
    const config = oidc.discovery(
      new URL(settings.issuer),
      settings.clientId,
      undefined,
      oidc.ClientSecretBasic(settings.clientSecret ?? ''),
      options,
    );
    this.cached = { key, at: now, config };
    config.catch(() => {
      if (this.cached?.config === config) this.cached = null;
    });
    return config;
  }

  forget(): void {
    this.cached = null;
  }
}
