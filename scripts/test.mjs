// `npm test`: install what is missing, provision the machine packages the suites use (one apt-get
// run), then lint, format and typecheck side by side, unit +
// integration tests (real PostgreSQL), build, and end-to-end tests in headless Chromium with the
// container image stage beside them. Every stage runs even when an earlier one failed (except e2e,
// which needs the build), and the run ends with the failed tests by name and one summary line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ensureInstalled, root, run } from './lib.mjs';
import { ensureRuntime } from './runtime.mjs';

await ensureRuntime();
ensureInstalled();
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
for (const f of ['vitest-results.json', 'e2e-results.json', 'vitest-container-results.json'])
  fs.rmSync(path.join(tmp, f), { force: true });

const failedStages = [];
function stage(name, command, args, options) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const status = run(command, args, options);
  console.log(
    `=== ${name}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (status !== 0) failedStages.push(name);
  return status === 0;
}

/**
 * Starts a stage in the background. Its output goes to a file (a pipe would fill up while a
 * foreground stage blocks this process) and is printed whole when the stage is awaited.
 */
function startStage(name, command, args, options = {}) {
  const started = Date.now();
  const logFile = path.join(tmp, `stage-${name.replace(/[^a-z]+/g, '-')}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', out, out], ...options });
  fs.closeSync(out);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      console.log(`\n=== ${name} ===`);
      process.stdout.write(fs.readFileSync(logFile));
      const took = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`=== ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} (${took} s after it started)`);
      if (code !== 0) failedStages.push(name);
      resolve(code === 0);
    });
  });
}

// Every machine package the suites use, in one apt-get run before any test worker starts (parallel
// workers installing on their own would race for apt's locks on a fresh machine).
const provisioned = stage('provision test services', 'node', [
  '--import',
  'tsx',
  'test-support/src/provision.ts',
  'all',
]);
// The static checks share nothing, so they run side by side.
await Promise.all([
  startStage('lint', 'npx', ['eslint', '.', '--max-warnings=0']),
  startStage('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']),
  startStage('typecheck', 'npm', ['run', '--silent', 'typecheck']),
]);
stage('unit + integration', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'integration']);
const built = stage('build', 'node', ['scripts/build.mjs']);
// Builds the Dockerfile on a private dockerd and runs the image (debootstrap'd base, cached in .tmp/).
// It mostly waits on downloads and the daemon, so it runs beside the end-to-end tests.
const containerStage = startStage('container image', 'npx', ['vitest', 'run', '--project', 'container'], {
  env: { ...process.env, ARCHNEST_VITEST_RESULTS: '.tmp/vitest-container-results.json' },
});
if (built && provisioned) {
  stage('end-to-end (Chromium)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']);
} else {
  failedStages.push('end-to-end (Chromium): not run, build or provisioning failed');
}
await containerStage;

function readJson(file) {
  const p = path.join(tmp, file);
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : undefined;
}
const vitest = readJson('vitest-results.json');
const container = readJson('vitest-container-results.json');
const e2e = readJson('e2e-results.json');
const passed = (vitest?.numPassedTests ?? 0) + (container?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
const failed =
  (vitest?.numFailedTests ?? 0) +
  (container?.numFailedTests ?? 0) +
  (e2e?.stats?.unexpected ?? 0) +
  (e2e?.stats?.flaky ?? 0);
const skipped =
  (vitest?.numPendingTests ?? 0) +
  (vitest?.numTodoTests ?? 0) +
  (container?.numPendingTests ?? 0) +
  (e2e?.stats?.skipped ?? 0);

/** The first lines of a failure message, without colour codes, so the end of the log names the cause. */
function firstLines(message, count = 4) {
  return stripVTControlCharacters(String(message ?? ''))
    .split('\n')
    .filter((line) => line.trim() && !/^\s*at /.test(line))
    .slice(0, count)
    .map((line) => `      ${line.trim()}`)
    .join('\n');
}
/** Every failed vitest test (and file that failed outside a test) with where and why. */
function vitestFailures(report) {
  const out = [];
  for (const file of report?.testResults ?? []) {
    const where = path.relative(root, file.name);
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests)
      out.push(`  ${where} › ${t.fullName}\n${firstLines(t.failureMessages?.join('\n'))}`);
    if (file.status === 'failed' && !failedTests.length)
      out.push(
        `  ${where}\n${firstLines(file.message) || '      (failed outside its tests: a hook or an import; see the log above)'}`,
      );
  }
  return out;
}
/** Every Playwright test whose last attempt did not pass, or that passed only on a retry. */
function e2eFailures(report) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === 'unexpected' || t.status === 'flaky') {
          const error = t.results?.find((r) => r.status !== 'passed')?.error?.message;
          out.push(`  ${spec.file}:${spec.line} › ${spec.title} (${t.status})\n${firstLines(error)}`);
        }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return out;
}

const failures = [...vitestFailures(vitest), ...vitestFailures(container), ...e2eFailures(e2e)];
console.log('');
if (failures.length) {
  const more =
    failures.length > 20 ? `\n  … and ${failures.length - 20} more (the log above has them all)` : '';
  console.log(`Failed tests:\n${failures.slice(0, 20).join('\n')}${more}\n`);
}
if (failedStages.length) console.log(`Failed stages: ${failedStages.join('; ')}`);
if (skipped) failedStages.push(`${skipped} skipped tests (suites must not skip)`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedStages.length || failed ? 1 : 0);
