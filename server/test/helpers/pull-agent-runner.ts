import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@archnest/test-support';
import { buildPullAgent } from '../../../agent/pull/build.mjs';
import type { KeyAndCert } from '../../src/crypto/self-signed-cert';

let bundle: Promise<string> | undefined;

/** The agent as it ships: bundled once per test file by its own build script. */
export function pullAgentBundle(): Promise<string> {
  bundle ??= buildPullAgent();
  return bundle;
}

export interface PullAgentProcess {
  port: number;
  address: string;
  stateDir: string;
  fingerprint: string;
  /** The JSON lines the agent logged so far. */
  logs(): Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface StartOptions {
  socketPath: string;
  token?: string;
  flags?: string[];
  stateDir?: string;
  port?: number;
}

/** Starts the real agent process and waits for its `listening` line. */
export async function startPullAgent(options: StartOptions): Promise<PullAgentProcess> {
  const file = await pullAgentBundle();
  const port = options.port ?? (await freePort());
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-pull-agent-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      file,
      '--listen',
      `127.0.0.1:${port}`,
      '--state-dir',
      stateDir,
      '--docker-socket',
      options.socketPath,
      ...(options.flags ?? []),
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        ...(options.token ? { ARCHNEST_ENROL_TOKEN: options.token } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: Record<string, unknown>[] = [];
  let pending = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      pending += d.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) {
        const line = JSON.parse(part) as Record<string, unknown>;
        lines.push(line);
        if (line.event === 'listening') resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`the agent exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`the agent did not start: ${stderr}`)), 10_000);
  });
  const first = await listening;
  return {
    port,
    address: `127.0.0.1:${port}`,
    stateDir,
    fingerprint: String(first.fingerprint),
    logs: () => lines,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface RawAnswer {
  status: number;
  json: Record<string, unknown>;
  text: string;
}

/** One request to an agent with the given client certificate (or none), trusting whatever it presents. */
export function agentRequest(
  port: number,
  client: KeyAndCert | null,
  method: string,
  urlPath: string,
  body?: string | Buffer,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        // Test fixture: these calls probe the agent's own refusals (no client certificate, another
        // instance's certificate), so the agent's self-signed certificate is not what is under test.
        rejectUnauthorized: false,
        agent: false,
        ...(client ? { cert: client.certPem, key: client.keyPem } : {}),
        headers:
          body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON: the test reads `text`
          }
          resolve({ status: response.statusCode ?? 0, json, text });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
