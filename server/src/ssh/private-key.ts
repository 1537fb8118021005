import ssh2, { type ParsedKey } from 'ssh2';

// ssh2 is CommonJS and Node's ESM loader only sees some of its names: `utils` comes off the default export.
const { utils } = ssh2;

export type PrivateKeyCheck =
  { ok: true; type: string } | { ok: false; reason: 'unreadable' | 'needs_passphrase' | 'wrong_passphrase' };

/**
 * Checks a pasted private key before it is stored, so a typo or a missing passphrase is reported
 * when the host is saved rather than at the first connection.
 */
export function checkPrivateKey(pem: string, passphrase?: string): PrivateKeyCheck {
  // The typings omit that parseKey can also return an array (several keys in one text).
  const parsed = utils.parseKey(pem, passphrase) as ParsedKey | Error | (ParsedKey | Error)[];
  if (parsed instanceof Error) {
    const message = parsed.message.toLowerCase();
    if (message.includes('no passphrase')) return { ok: false, reason: 'needs_passphrase' };
    if (message.includes('passphrase') || message.includes('bad decrypt') || message.includes('integrity')) {
      return { ok: false, reason: passphrase ? 'wrong_passphrase' : 'needs_passphrase' };
    }
    return { ok: false, reason: 'unreadable' };
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) return { ok: false, reason: 'unreadable' };
  return { ok: true, type: key.type };
}
