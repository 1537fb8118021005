import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Removes the run's data dir (only ever one we created under the temp dir). */
export default function globalTeardown(): void {
  const dir = process.env.ARCHNEST_E2E_DATA_DIR;
  if (dir && path.dirname(dir) === os.tmpdir() && path.basename(dir).startsWith('archnest-e2e-')) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
