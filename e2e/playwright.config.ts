import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, serverNodeArgs } from '@archnest/test-support';

const repoRoot = path.resolve(import.meta.dirname, '..');
// A free loopback port unless one is given; workers load this file again and reuse the runner's.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
// A fresh data dir per run: the accounts flow starts from first-run setup. Workers load this file
// again; the environment variable makes them reuse the runner's directory instead of making more.
process.env.ARCHNEST_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-e2e-'));
const dataDir = process.env.ARCHNEST_E2E_DATA_DIR;

export default defineConfig({
  testDir: 'specs',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: path.join(repoRoot, 'test-results'),
  reporter: [
    ['list'],
    ['json', { outputFile: path.resolve(import.meta.dirname, '..', '.tmp/e2e-results.json') }],
  ],
  use: {
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs },
  },
  webServer: {
    command: ['node', ...serverNodeArgs(), 'server/dist/main.js'].join(' '),
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    // The server logs every request as JSON; only its errors help when a test fails.
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      ARCHNEST_DATA_DIR: dataDir,
      ARCHNEST_PUBLIC_URL: baseURL,
      // Pro, so the pro features have a screen to test; community refusals are covered by the
      // integration tests (server/test/integration/access.test.ts and the feature suites).
      ARCHNEST_EDITION: 'pro',
      // Specs add hosts at made-up addresses; port checks run only on servers of their own (home.spec.ts).
      ARCHNEST_SSH_REACHABILITY_INTERVAL_MS: '0',
    },
  },
});
