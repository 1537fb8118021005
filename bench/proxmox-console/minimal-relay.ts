// The smallest relay that does ArchNest's job for a console, as a reference for what one more
// process between the client and Proxmox costs on this machine: a WebSocket server that, per client,
// opens the same termproxy socket as the direct client and passes bytes both ways. No sign-in, flow
// control, replay, batching or audit. Run by run.ts as its own process:
//   node --import tsx minimal-relay.ts <fake url> <CA file> <authorization> <guest path>
// It prints `listening <port>` once ready.
import fs from 'node:fs';
import { WebSocketServer } from 'ws';
import { openDirect } from './direct-client';

const [url, caFile, authorization, guestPath] = process.argv.slice(2);
if (!url || !caFile || !authorization || !guestPath)
  throw new Error('usage: minimal-relay.ts <url> <ca> <auth> <path>');
const caPem = fs.readFileSync(caFile, 'utf8');

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
server.on('connection', (client) => {
  const held: Buffer[] = [];
  client.on('message', (data: Buffer) => held.push(data));
  void openDirect(url, caPem, authorization, guestPath).then((session) => {
    session.onData((chunk) => client.send(chunk, { binary: true }));
    client.removeAllListeners('message');
    client.on('message', (data: Buffer) => session.write(data.toString('utf8')));
    client.on('close', () => void session.close());
    for (const data of held) session.write(data.toString('utf8'));
    client.send('ready');
  });
});
server.on('listening', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
