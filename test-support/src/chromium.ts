import { ensureDebianPackages, type DebianNeed } from './apt';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_PACKAGES: DebianNeed[] = [{ path: CHROMIUM_PATH, pkg: 'chromium' }];

/** Flags that keep headless Chromium quiet on a machine with no outside network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function ensureChromium(): string {
  ensureDebianPackages(CHROMIUM_PACKAGES);
  return CHROMIUM_PATH;
}
