import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface DebianNeed {
  /** An absolute path that exists once the package is installed. */
  path: string;
  /** The Debian package that provides it. */
  pkg: string;
  /** When given, decides whether the package is there instead of `path` existing (for globbed paths). */
  present?: () => boolean;
}

const isPresent = (need: DebianNeed) => (need.present ? need.present() : fs.existsSync(need.path));
/**
 * Another process (a test worker, or the machine's own upgrades) may hold apt's locks: wait for them
 * instead of failing at once.
 */
const WAIT_FOR_LOCKS = ['-o', 'DPkg::Lock::Timeout=600'];

let updated = false;

/**
 * Installs the Debian packages whose files are missing (apt-get update once per process). Throws one
 * clear line when that is impossible, so a suite fails instead of silently skipping.
 */
export function ensureDebianPackages(needs: DebianNeed[]): void {
  const missing = needs.filter((n) => !isPresent(n));
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((n) => n.pkg))];
  if (process.getuid?.() !== 0) {
    throw new Error(
      `test services need Debian packages ${pkgs.join(', ')}; install them (apt-get install -y ${pkgs.join(' ')}) or run as root`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    execFileSync('apt-get', ['update', '-qq', ...WAIT_FOR_LOCKS], { stdio: 'inherit', env });
    updated = true;
  }
  const result = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...WAIT_FOR_LOCKS, ...pkgs],
    {
      stdio: 'inherit',
      env,
    },
  );
  const still = missing.filter((n) => !isPresent(n));
  if (result.status !== 0 || still.length) {
    throw new Error(
      `could not install Debian packages ${pkgs.join(', ')} (apt-get exit ${result.status}); missing ${still.map((s) => s.path).join(', ')}`,
    );
  }
}
