import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {}

/**
 * AES-256-GCM for secrets at rest. Each sealed value names the key that sealed it and is bound to
 * its record by associated data (e.g. "credential:<id>:password"), so a value copied into another row
 * or field fails to open instead of leaking into the wrong place.
 */
export class SecretBox {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new SecretBoxError('the secret key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(this.aad(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.keyId, iv.toString('base64'), Buffer.concat([body, tag]).toString('base64')].join(
      ':',
    );
  }

  open(sealed: string, associatedData: string): string {
    const [version, keyId, ivText, bodyText, extra] = sealed.split(':');
    if (version !== VERSION || !keyId || !ivText || bodyText === undefined || extra !== undefined) {
      throw new SecretBoxError('stored secret is not in a known format');
    }
    if (keyId !== this.keyId) {
      throw new SecretBoxError(
        `stored secret was sealed with key ${keyId}, but this instance uses key ${this.keyId}; restore the original ARCHNEST_SECRET_KEY or key file`,
      );
    }
    const iv = Buffer.from(ivText, 'base64');
    const body = Buffer.from(bodyText, 'base64');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES)
      throw new SecretBoxError('stored secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(this.aad(associatedData));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError('stored secret failed its integrity check (wrong record, or tampered with)');
    }
  }

  private aad(associatedData: string): Buffer {
    return Buffer.from(`archnest:${VERSION}:${this.keyId}:${associatedData}`, 'utf8');
  }
}
