import http from 'node:http';
import https from 'node:https';

export interface BrowserResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The Location header resolved against the request URL. */
  location: string | null;
}

/**
 * A minimal browser for the OIDC flow over real HTTP: a cookie jar per host, redirects followed by
 * hand (so a test can stop at, tamper with or replay any step), the IdP's throwaway CA trusted.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly caPem: string) {}

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }

  setCookie(url: string, name: string, value: string): void {
    const host = new URL(url).host;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, value);
  }

  request(
    url: string,
    options: { method?: string; form?: Record<string, string>; json?: unknown; origin?: string } = {},
  ): Promise<BrowserResponse> {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.host) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    let body: string | undefined;
    const headers: Record<string, string> = { 'user-agent': 'archnest-sso-test' };
    if (cookies) headers.cookie = cookies;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    if (options.origin) headers.origin = options.origin;
    const send = target.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(
        target,
        { method: options.method ?? (body ? 'POST' : 'GET'), headers, ca: this.caPem },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            this.store(target.host, res.headers['set-cookie'] ?? []);
            const location = res.headers.location ? new URL(res.headers.location, target).href : null;
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, location });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  private store(host: string, setCookies: string[]): void {
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    const cookies = this.jar.get(host)!;
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const gone =
        value === '' ||
        attributes.some((a) => /^max-age=0$/i.test(a)) ||
        attributes.some((a) => /^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now());
      if (gone) cookies.delete(name);
      else cookies.set(name, value);
    }
  }
}

/**
 * Starts sign-in at ArchNest, signs in at the provider's own form, and returns the callback URL the
 * provider redirects to, without requesting it.
 */
export async function authorizeAtIdp(
  browser: TestBrowser,
  base: string,
  login: string,
  password: string,
): Promise<string> {
  const start = await browser.request(`${base}/api/auth/sso/login`);
  if (start.status !== 302 || !start.location) throw new Error(`sso login: ${start.status} ${start.body}`);
  let next = await browser.request(start.location);
  for (let hop = 0; hop < 6; hop++) {
    if (next.location?.startsWith(`${base}/api/auth/sso/callback`)) return next.location;
    if (next.status === 200 && next.body.includes('<form')) {
      const action = /action="([^"]+)"/.exec(next.body)?.[1];
      if (!action) throw new Error('no form action on the provider page');
      const formUrl = new URL(
        action.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))),
        start.location,
      ).href;
      next = await browser.request(formUrl, { form: { login, password } });
      if (next.status === 200) throw new Error(`provider refused the login of ${login}`);
      continue;
    }
    if (!next.location) throw new Error(`provider answered ${next.status}: ${next.body.slice(0, 300)}`);
    next = await browser.request(next.location);
  }
  throw new Error('the provider never redirected back to ArchNest');
}

/** The whole round trip: returns ArchNest's answer to the callback (a 302 to `/` or to the login page). */
export async function ssoSignIn(
  browser: TestBrowser,
  base: string,
  login: string,
  password: string,
): Promise<BrowserResponse> {
  return browser.request(await authorizeAtIdp(browser, base, login, password));
}
