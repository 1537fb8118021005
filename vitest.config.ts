import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Integration files spend most of their time waiting on real services (sshd, dockerd, PostgreSQL,
// timers), so more files than cores run at once: on 2 cores, 3 workers take the suite from ~580 s
// to ~230 s. Capped so a big machine does not exhaust PostgreSQL's connections (docs/decisions.md).
const workers = Math.min(8, availableParallelism() + 1);

export default defineConfig({
  test: {
    maxWorkers: workers,
    // `npm test` runs the container project as a stage of its own, with its own results file.
    reporters: [
      'default',
      ['json', { outputFile: process.env.ARCHNEST_VITEST_RESULTS ?? '.tmp/vitest-results.json' }],
    ],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['contract/src/**/*.test.ts', 'web/src/**/*.test.ts', 'server/test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/test/integration/**/*.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Builds and runs the container image: its own stage of `npm test`, after the others.
        test: {
          name: 'container',
          include: ['server/test/container/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 2_700_000,
        },
      },
    ],
  },
});
