// Command line used by `npm test` before suites that need machine packages: `provision chromium`.
import { ensureChromium } from './chromium';
import { DOCKERD_PATH, ensureDocker } from './dockerd';
import { ensureOpenSsh, SSHD_PATH } from './openssh';

const what = process.argv.slice(2);
const known: Record<string, () => string> = {
  chromium: () => `chromium at ${ensureChromium()}`,
  dockerd: () => {
    ensureDocker();
    return `dockerd at ${DOCKERD_PATH}`;
  },
  sshd: () => {
    ensureOpenSsh();
    return `sshd at ${SSHD_PATH}`;
  },
};

for (const name of what) {
  const provide = known[name];
  if (!provide) {
    console.error(`provision: unknown service "${name}" (known: ${Object.keys(known).join(', ')})`);
    process.exit(2);
  }
  try {
    console.log(`provision: ${provide()}`);
  } catch (error) {
    console.error(`provision: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
