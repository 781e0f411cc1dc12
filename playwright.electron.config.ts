import { defineConfig } from '@playwright/test';
import type { TargetName } from './test/electron/driver';

// The built app end to end (test/electron/), one suite on two targets:
//   standin  - under Node with the Electron stand-in (test/standin/) and real
//              Chromium: runs on every machine, CI included;
//   electron - in real Electron, where a binary exists; elsewhere each test
//              reports itself skipped with the reason.
export default defineConfig<object, { target: TargetName }>({
  testDir: 'test/electron',
  outputDir: 'test-results/electron-output',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/electron.json' }]],
  projects: [
    { name: 'standin', use: { target: 'standin' } },
    { name: 'electron', use: { target: 'electron' } },
  ],
});
