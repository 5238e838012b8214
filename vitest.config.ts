import { defineConfig } from 'vitest/config';

// One suite: unit (test/engine, test/main), integration (CLI, worker pool, store) and browser end-to-end (test/e2e).
// The JSON report is read by .ci/run to print the plain "N passed, N failed" line CI expects.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-report.json' }]],
  },
});
