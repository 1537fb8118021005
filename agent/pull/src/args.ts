import fs from 'node:fs';
import path from 'node:path';

/** Command line and environment of the pull agent; one clear line for anything wrong. */

export interface AgentConfig {
  host: string;
  port: number;
  stateDir: string;
  socketPath: string;
  monitorOnly: boolean;
  allowExec: boolean;
  /** From ARCHNEST_ENROL_TOKEN: a new enrolment replaces any earlier pin. */
  enrolToken: string | undefined;
}

export const USAGE = `Usage: archnest-pull-agent --listen <address:port> [--state-dir DIR] [--docker-socket PATH]
                           [--monitor-only] [--allow-exec]
Environment: ARCHNEST_ENROL_TOKEN (the one-time enrolment token), DOCKER_HOST (unix:// only).`;

export class UsageError extends Error {}

function parseListen(value: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`--listen must be <address>:<port>, e.g. 10.0.0.5:7443 (got "${value}").`);
  const host = match[1].replace(/^\[|\]$/g, '');
  if (host === '0.0.0.0' || host === '::')
    throw new UsageError('--listen must name one address, not every interface (0.0.0.0 or ::).');
  return { host, port };
}

/** Under systemd the token is a credential file (LoadCredential=enrol-token:…), not an environment variable. */
function credentialToken(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.CREDENTIALS_DIRECTORY) return undefined;
  try {
    return fs.readFileSync(path.join(env.CREDENTIALS_DIRECTORY, 'enrol-token'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): AgentConfig {
  let listen: { host: string; port: number } | undefined;
  let stateDir = '/var/lib/archnest-pull-agent';
  let socketPath = '/var/run/docker.sock';
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost) {
    if (!dockerHost.startsWith('unix:///'))
      throw new UsageError('DOCKER_HOST must be a unix:///path socket.');
    socketPath = dockerHost.slice('unix://'.length);
  }
  let monitorOnly = false;
  let allowExec = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--listen') listen = parseListen(value());
    else if (arg === '--state-dir') stateDir = value();
    else if (arg === '--docker-socket') socketPath = value();
    else if (arg === '--monitor-only') monitorOnly = true;
    else if (arg === '--allow-exec') allowExec = true;
    else throw new UsageError(`Unknown option ${arg}.`);
  }
  if (!listen)
    throw new UsageError('--listen <address:port> is required; the agent never picks an address itself.');
  if (!socketPath.startsWith('/')) throw new UsageError('--docker-socket must be an absolute path.');
  const token = env.ARCHNEST_ENROL_TOKEN?.trim() || credentialToken(env) || undefined;
  return { ...listen, stateDir, socketPath, monitorOnly, allowExec, enrolToken: token };
}
