import { defineConfig } from 'vitest/config';

// Node-side tests: everything outside the renderer and the Playwright suites.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    server: { deps: { inline: ['electron-store'] } },
  },
});
