import { defineConfig } from '@playwright/test';

// The real app in Electron (test/electron/). Runs wherever an Electron binary
// exists; elsewhere every test reports itself skipped with the reason.
export default defineConfig({
  testDir: 'test/electron',
  outputDir: 'test-results/electron-output',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/electron.json' }]],
});
