import { ensureDebianPackages, type DebianNeed } from './apt';

/** What the Docker push agent runs besides bash and the docker CLI. */
export const AGENT_TOOL_PACKAGES: DebianNeed[] = [
  { path: '/usr/bin/curl', pkg: 'curl' },
  { path: '/usr/bin/jq', pkg: 'jq' },
  { path: '/bin/gzip', pkg: 'gzip' },
];

/** Installs the agent's tools when missing. */
export function ensureAgentTools(): void {
  ensureDebianPackages(AGENT_TOOL_PACKAGES);
}
