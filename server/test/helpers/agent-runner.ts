import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOCKER_CLI_PATH } from '@archnest/test-support';
import { AGENT_DIR } from './test-app';

export const AGENT_SCRIPT = path.join(AGENT_DIR, 'archnest-docker-agent.sh');

export interface AgentRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Tools the agent calls, besides the ones under test; each test PATH links exactly what it offers. */
const BASE_TOOLS = ['mktemp', 'hostname', 'date', 'head', 'rm', 'mkdir', 'cat', 'sleep', 'find', 'grep'];

/**
 * A directory to use as PATH holding links to the given tools. The docker link is Debian's CLI, which
 * matches the test daemon (/usr/local/bin may hold an unrelated newer one).
 */
export function toolDir(tools: readonly string[] = ['docker', 'curl', 'jq', 'gzip']): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-agent-path-'));
  for (const tool of [...BASE_TOOLS, ...tools]) {
    const target =
      tool === 'docker'
        ? DOCKER_CLI_PATH
        : ['/usr/bin', '/bin'].map((d) => path.join(d, tool)).find(fs.existsSync);
    if (!target) throw new Error(`${tool} is not installed`);
    fs.symlinkSync(target, path.join(dir, tool));
  }
  return dir;
}

/** Runs a script with bash, asynchronously (the server under test shares this process). */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<AgentRun> {
  return new Promise((resolve) => {
    const child = execFile(
      '/bin/bash',
      [script, ...args],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    // A script that exits without reading its stdin (e.g. --version) must not fail the test with EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/** Runs the real agent script with only `pathDir` on PATH and no config file unless one is given. */
export function runAgent(args: string[], env: Record<string, string>, pathDir: string): Promise<AgentRun> {
  return runScript(AGENT_SCRIPT, args, { PATH: pathDir, ARCHNEST_AGENT_CONFIG: '/nonexistent', ...env });
}
