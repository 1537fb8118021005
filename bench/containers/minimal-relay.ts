// A reference for the pull agent: the smallest process that can stand between ArchNest and the
// daemon the way the agent does — mutual TLS 1.3 in (only the given client certificate is trusted,
// and its fingerprint must match), the Docker socket out, bytes piped both ways with Nagle off. No
// routes, checks, masking or logging. Run by run.ts as its own process:
//   node --import tsx minimal-relay.ts <docker socket> <cert file> <key file> <client cert file>
// It prints `listening <port>` once ready.
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { certFingerprint } from '../../server/src/crypto/self-signed-cert';

const [dockerSocket, certFile, keyFile, clientCertFile] = process.argv.slice(2);
if (!dockerSocket || !certFile || !keyFile || !clientCertFile)
  throw new Error('usage: minimal-relay.ts <docker socket> <cert> <key> <client cert>');
const clientCert = fs.readFileSync(clientCertFile, 'utf8');
const clientFingerprint = certFingerprint(clientCert);

const server = tls.createServer(
  {
    cert: fs.readFileSync(certFile, 'utf8'),
    key: fs.readFileSync(keyFile, 'utf8'),
    minVersion: 'TLSv1.3',
    // The client's self-signed certificate is the only trusted issuer, so TLS itself refuses others.
    ca: clientCert,
    requestCert: true,
    rejectUnauthorized: true,
  },
  (client) => {
    const raw = client.getPeerCertificate()?.raw;
    if (!raw || certFingerprint(raw) !== clientFingerprint) {
      client.destroy();
      return;
    }
    client.setNoDelay(true);
    const daemon = net.connect(dockerSocket);
    client.pipe(daemon);
    daemon.pipe(client);
    const close = () => {
      client.destroy();
      daemon.destroy();
    };
    client.once('error', close);
    daemon.once('error', close);
    client.once('close', close);
    daemon.once('close', close);
  },
);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
