import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { certFingerprint, createSelfSignedCert } from '../../../server/src/crypto/self-signed-cert';

/*
 * What the agent keeps in its state directory (mode 0700, files 0600): its own key and certificate,
 * made at first start; ArchNest's pinned client certificate once enrolled; a pending enrolment token
 * until it is used; and the hash of the last token used, so a restart with the same token in the
 * environment does not reopen enrolment.
 */

export interface AgentState {
  keyPem: string;
  certPem: string;
  fingerprint: string;
  /** ArchNest's client certificate fingerprint, once enrolled. */
  pinned: string | undefined;
  pendingToken: string | undefined;
}

const KEY = 'agent-key.pem';
const CERT = 'agent-cert.pem';
const PIN = 'archnest-client.fingerprint';
const TOKEN = 'enrol-token';
const USED = 'used-token.sha256';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

function read(dir: string, name: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, name), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Written to a temporary name and renamed, so a crash never leaves half a key or pin. */
function write(dir: string, name: string, text: string): void {
  const tmp = path.join(dir, `.${name}.${process.pid}`);
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, name));
}

export class StateStore {
  readonly state: AgentState;

  constructor(
    private readonly dir: string,
    envToken: string | undefined,
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    let keyPem = read(dir, KEY);
    let certPem = read(dir, CERT);
    if (!keyPem || !certPem) {
      const made = createSelfSignedCert('archnest-pull-agent');
      write(dir, KEY, made.keyPem);
      write(dir, CERT, made.certPem);
      keyPem = made.keyPem;
      certPem = made.certPem;
    }
    let pinned = read(dir, PIN);
    let pendingToken = read(dir, TOKEN);
    if (envToken && read(dir, USED) !== sha256(envToken) && envToken !== pendingToken) {
      // A new token is a new enrolment: the old pin goes, whoever held it.
      write(dir, TOKEN, envToken);
      fs.rmSync(path.join(dir, PIN), { force: true });
      pinned = undefined;
      pendingToken = envToken;
    }
    this.state = { keyPem, certPem, fingerprint: certFingerprint(certPem), pinned, pendingToken };
  }

  /** Pins ArchNest's client certificate and burns the token. */
  enrolled(clientFingerprint: string): void {
    const token = this.state.pendingToken;
    write(this.dir, PIN, clientFingerprint);
    if (token) write(this.dir, USED, sha256(token));
    fs.rmSync(path.join(this.dir, TOKEN), { force: true });
    this.state.pinned = clientFingerprint;
    this.state.pendingToken = undefined;
  }
}
