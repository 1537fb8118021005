import https from 'node:https';
import WebSocket from 'ws';

/** A console session as both clients expose it to the measurements. */
export interface ConsoleSession {
  write(text: string): void;
  onData(listener: ((chunk: Buffer) => void) | null): void;
  close(): Promise<void>;
}

/**
 * The baseline: a WebSocket client talking to the Proxmox fake itself, as ArchNest's server does
 * (termproxy over HTTPS, then vncwebsocket with `binary`, the ticket line, `OK`, framed input), with no
 * ArchNest in between.
 */
export async function openDirect(
  base: string,
  caPem: string,
  authorization: string,
  path: string,
): Promise<ConsoleSession> {
  const agent = new https.Agent({ ca: caPem, keepAlive: false });
  const answer = await new Promise<string>((resolve, reject) => {
    const req = https.request(
      `${base}/api2/json${path}/termproxy`,
      { method: 'POST', agent, headers: { authorization, 'content-length': '0' } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString('utf8')));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(body))));
      },
    );
    req.on('error', reject);
    req.end();
  });
  const { user, ticket, port } = (
    JSON.parse(answer) as { data: { user: string; ticket: string; port: number } }
  ).data;
  const url =
    `${base.replace(/^https/, 'wss')}/api2/json${path}/vncwebsocket` +
    `?port=${port}&vncticket=${encodeURIComponent(ticket)}`;
  const ws = new WebSocket(url, ['binary'], { headers: { authorization }, agent, perMessageDeflate: false });
  let listener: ((chunk: Buffer) => void) | null = null;
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(`${user}:${ticket}\n`));
    ws.once('message', (data: Buffer) =>
      data.toString('utf8').startsWith('OK') ? resolve() : reject(new Error('no OK')),
    );
  });
  ws.on('message', (data: Buffer) => listener?.(data));
  ws.send('1:80:24:');
  return {
    write(text) {
      const bytes = Buffer.from(text, 'utf8');
      ws.send(Buffer.concat([Buffer.from(`0:${bytes.length}:`), bytes]));
    },
    onData(next) {
      listener = next;
    },
    async close() {
      ws.close();
      await new Promise((r) => setTimeout(r, 50));
      ws.terminate();
      agent.destroy();
    },
  };
}
