import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';

export interface TlsFiles {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Signs `name`'s key with the CA; `ext` holds the extensions (SAN, usage) for that certificate. */
function signed(dir: string, name: string, subject: string, ext: string): void {
  fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
  openssl(
    ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}-key.pem`],
    dir,
  );
  openssl(['req', '-new', '-key', `${name}-key.pem`, '-subj', subject, '-out', `${name}.csr`], dir);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    ],
    dir,
  );
}

/**
 * A throwaway CA, a server certificate for 127.0.0.1 and a client certificate, in `dir` (as Docker's
 * --tlsverify setup uses them). Short-lived: the files exist for one test run.
 */
export function makeTlsFiles(dir: string): TlsFiles {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ca-key.pem'], dir);
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca-key.pem',
      '-subj',
      '/CN=archnest-test-ca',
      '-days',
      '2',
      '-out',
      'ca.pem',
    ],
    dir,
  );
  signed(
    dir,
    'server',
    '/CN=127.0.0.1',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  signed(dir, 'client', '/CN=archnest-client', 'extendedKeyUsage=clientAuth\n');
  const at = (file: string) => path.join(dir, file);
  return {
    caCert: at('ca.pem'),
    serverCert: at('server.pem'),
    serverKey: at('server-key.pem'),
    clientCert: at('client.pem'),
    clientKey: at('client-key.pem'),
  };
}

export interface ServerCert {
  certPem: string;
  keyPem: string;
  /** The issuing CA's PEM; null for a self-signed leaf. */
  caPem: string | null;
  /** SHA-256 of the leaf, `AB:CD:…` as browsers and openssl print it. */
  fingerprint: string;
}

const SERVER_EXT = 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n';

function readCert(dir: string, cert: string, key: string, ca: string | null): ServerCert {
  const certPem = fs.readFileSync(path.join(dir, cert), 'utf8');
  return {
    certPem,
    keyPem: fs.readFileSync(path.join(dir, key), 'utf8'),
    caPem: ca ? fs.readFileSync(path.join(dir, ca), 'utf8') : null,
    fingerprint: new X509Certificate(certPem).fingerprint256,
  };
}

/** A self-signed leaf for 127.0.0.1, as an appliance serves out of the box. */
export function makeSelfSignedCert(dir: string, commonName = 'archnest-self-signed'): ServerCert {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, 'self.ext'), SERVER_EXT);
  openssl(
    ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'self-key.pem'],
    dir,
  );
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'self-key.pem',
      '-subj',
      `/CN=${commonName}`,
      '-days',
      '2',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-out',
      'self.pem',
    ],
    dir,
  );
  return readCert(dir, 'self.pem', 'self-key.pem', null);
}

/** A leaf for 127.0.0.1 issued by a throwaway CA, as a Proxmox node's certificate is issued by its cluster CA. */
export function makeCaIssuedCert(dir: string): ServerCert {
  makeTlsFiles(dir);
  return readCert(dir, 'server.pem', 'server-key.pem', 'ca.pem');
}
