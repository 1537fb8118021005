import { ensureDebianPackages } from './apt';

/** What the Docker push agent runs besides bash and the docker CLI (installed when missing). */
export function ensureAgentTools(): void {
  ensureDebianPackages([
    { path: '/usr/bin/curl', pkg: 'curl' },
    { path: '/usr/bin/jq', pkg: 'jq' },
    { path: '/bin/gzip', pkg: 'gzip' },
  ]);
}
