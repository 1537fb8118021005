import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE_NAME = 'secret.key';

/**
 * The instance key: ARCHNEST_SECRET_KEY when set, else `<data dir>/secret.key`, created on first
 * start with mode 0600. Losing it makes every stored secret unreadable, so it is never rewritten.
 */
export function loadInstanceKey(
  configuredKey: string | undefined,
  dataDir: string,
): { key: Buffer; source: string } {
  if (configuredKey) return { key: Buffer.from(configuredKey, 'base64'), source: 'ARCHNEST_SECRET_KEY' };
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const stat = fs.statSync(file);
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new Error(`${file} does not hold a base64 32-byte key; restore it from a backup`);
  return { key, source: file };
}
