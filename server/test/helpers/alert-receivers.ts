import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export interface Receiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Answer status per request number (0-based); default 200. */
  statusFor: (n: number) => number;
  /** Hold the answer this long (a slow receiver). */
  delayMs: number;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A loopback HTTP receiver that records every request and answers as told. */
export async function startReceiver(
  options: { status?: (n: number) => number; delayMs?: number } = {},
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const receiver = {
    statusFor: options.status ?? (() => 200),
    delayMs: options.delayMs ?? 0,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const n = requests.length;
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json });
      const answer = () => {
        const status = receiver.statusFor(n);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status < 300 ? { ok: true } : { ok: false, error: `status ${status}` }));
      };
      if (receiver.delayMs > 0) setTimeout(answer, receiver.delayMs);
      else answer();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    async waitFor(count: number, timeoutMs = 10_000) {
      await until(() => requests.length >= count, timeoutMs, `${count} request(s)`);
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

export interface SmtpReceiver {
  port: number;
  mails: ParsedMail[];
  logins: { username: string; password: string }[];
  /** Whether each session upgraded to (or started in) TLS. */
  secureSessions: boolean[];
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server in process (smtp-server): implicit TLS, STARTTLS or plain, with AUTH PLAIN/LOGIN. */
export async function startSmtp(options: {
  secure?: boolean;
  tls?: { key: string; cert: string };
  auth?: { username: string; password: string };
}): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const logins: { username: string; password: string }[] = [];
  const secureSessions: boolean[] = [];
  const server = new SMTPServer({
    secure: options.secure ?? false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { disabledCommands: ['STARTTLS'] }),
    authOptional: !options.auth,
    ...(options.auth ? {} : { disabledCommands: ['AUTH', ...(options.tls ? [] : ['STARTTLS'])] }),
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      if (
        options.auth &&
        auth.username === options.auth.username &&
        auth.password === options.auth.password
      ) {
        callback(null, { user: auth.username });
      } else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      secureSessions.push(session.secure);
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  // A client that refuses our certificate hangs up mid-handshake; that is an outcome, not a crash.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    logins,
    secureSessions,
    async waitFor(count, timeoutMs = 10_000) {
      await until(() => mails.length >= count, timeoutMs, `${count} mail(s)`);
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
