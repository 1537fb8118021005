import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '../../..');

/** Only for `node scripts/capture-upgrade-fixture.mjs`: never part of the test suite. */
export default defineConfig({
  root,
  test: {
    include: ['server/test/capture/*.capture.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
