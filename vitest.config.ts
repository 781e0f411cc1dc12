import { defineConfig } from 'vitest/config';

// Node-side tests: everything outside the renderer and the Playwright suites.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // Log lines are shown only for failing tests (test/support/quiet-logs.ts).
    setupFiles: ['test/support/quiet-logs.ts'],
    pool: 'forks',
    // The JSON report feeds the totals line CI prints (scripts/test-totals.mjs).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    server: { deps: { inline: ['electron-store'] } },
  },
});
