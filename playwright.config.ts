import { defineConfig } from '@playwright/test';
import { findChromium } from './test/e2e/chromium-path';

// The renderer, built by `npm run build`, in a real Chromium against the real
// service through the daemon's web UI transport (test/bridge/). The `daemon`
// project runs the first-use journey against the whole `volsnap daemon`.
export default defineConfig<{ transport: 'bridge' | 'daemon' }>({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e-output',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    viewport: { width: 1100, height: 720 },
    launchOptions: {
      executablePath: findChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'bridge' }, { name: 'daemon', testMatch: 'journey.spec.ts', use: { transport: 'daemon' } }],
});
