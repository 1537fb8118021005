import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface DebianNeed {
  /** An absolute path that exists once the package is installed. */
  path: string;
  /** The Debian package that provides it. */
  pkg: string;
}

let updated = false;

/**
 * Installs the Debian packages whose files are missing (apt-get update once per process). Throws one
 * clear line when that is impossible, so a suite fails instead of silently skipping.
 */
export function ensureDebianPackages(needs: DebianNeed[]): void {
  const missing = needs.filter((n) => !fs.existsSync(n.path));
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((n) => n.pkg))];
  if (process.getuid?.() !== 0) {
    throw new Error(
      `test services need Debian packages ${pkgs.join(', ')}; install them (apt-get install -y ${pkgs.join(' ')}) or run as root`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    updated = true;
  }
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], {
    stdio: 'inherit',
    env,
  });
  const still = missing.filter((n) => !fs.existsSync(n.path));
  if (result.status !== 0 || still.length) {
    throw new Error(
      `could not install Debian packages ${pkgs.join(', ')} (apt-get exit ${result.status}); missing ${still.map((s) => s.path).join(', ')}`,
    );
  }
}
