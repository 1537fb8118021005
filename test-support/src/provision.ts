// Command line used by `npm test` before its stages: `provision all`, or names such as `chromium`.
// Everything asked for is installed with one apt-get run, so test workers never race for apt's locks.
import { AGENT_TOOL_PACKAGES } from './agent-tools';
import { ensureDebianPackages, type DebianNeed } from './apt';
import { CHROMIUM_PACKAGES, CHROMIUM_PATH } from './chromium';
import { DEBOOTSTRAP_PACKAGES, DEBOOTSTRAP_PATH } from './container-base';
import { DOCKER_PACKAGES, DOCKERD_PATH } from './dockerd';
import { OPENSSH_PACKAGES, SSHD_PATH } from './openssh';
import { POSTGRES_PACKAGES } from './postgres';
import { REGISTRY_PACKAGES, REGISTRY_PATH } from './registry';

const known: Record<string, { needs: DebianNeed[]; ready: string }> = {
  postgres: { needs: POSTGRES_PACKAGES, ready: 'PostgreSQL server under /usr/lib/postgresql' },
  sshd: { needs: OPENSSH_PACKAGES, ready: `sshd at ${SSHD_PATH}` },
  dockerd: { needs: DOCKER_PACKAGES, ready: `dockerd at ${DOCKERD_PATH}` },
  registry: { needs: REGISTRY_PACKAGES, ready: `image registry at ${REGISTRY_PATH}` },
  'agent-tools': { needs: AGENT_TOOL_PACKAGES, ready: 'curl, jq and gzip for the push agent' },
  debootstrap: { needs: DEBOOTSTRAP_PACKAGES, ready: `debootstrap at ${DEBOOTSTRAP_PATH}` },
  chromium: { needs: CHROMIUM_PACKAGES, ready: `chromium at ${CHROMIUM_PATH}` },
};

const args = process.argv.slice(2);
const names = args.includes('all') ? Object.keys(known) : args;
const unknown = names.filter((name) => !known[name]);
if (unknown.length || names.length === 0) {
  console.error(
    `provision: ${unknown.length ? `unknown service "${unknown[0]}"` : 'nothing asked for'} (known: all, ${Object.keys(known).join(', ')})`,
  );
  process.exit(2);
}
try {
  ensureDebianPackages(names.flatMap((name) => known[name]!.needs));
  for (const name of names) console.log(`provision: ${known[name]!.ready}`);
} catch (error) {
  console.error(`provision: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
