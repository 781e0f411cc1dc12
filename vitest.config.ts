import { defineConfig } from 'vitest/config';

// Node-side tests: everything outside the renderer and the Playwright suites.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // The JSON report feeds the totals line CI prints (scripts/test-totals.mjs).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    server: { deps: { inline: ['electron-store'] } },
  },
});
