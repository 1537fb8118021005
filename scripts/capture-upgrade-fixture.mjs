// `node scripts/capture-upgrade-fixture.mjs [version]`: at each release, captures the data this
// version makes (SQLite database + PostgreSQL dump, a row in every table) into
// test-support/fixtures/upgrade/<version>/ for the upgrade test. Commit the new folder.
import { ensureInstalled, run } from './lib.mjs';
import { ensureRuntime } from './runtime.mjs';

await ensureRuntime();
ensureInstalled();
const env = { ...process.env };
if (process.argv[2]) env.ARCHNEST_FIXTURE_VERSION = process.argv[2];
const status = run('npx', ['vitest', 'run', '--config', 'server/test/capture/vitest.config.ts'], { env });
process.exit(status);
