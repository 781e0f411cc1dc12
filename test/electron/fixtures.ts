/**
 * The fixtures every scenario uses, for both targets (the Playwright project
 * picks one: `standin` or `electron`, see playwright.electron.config.ts).
 * `launch` starts volsnap with a fresh folder per test and ends every process
 * it started; `volsnap` is one app started plainly. A target that cannot run
 * here skips each test with its reason, printed once at start.
 */
import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDriver, Target, TargetName } from './driver';
import { electronTarget } from './electron-driver';
import { standinTarget } from './standin-driver';

export const targets: Record<TargetName, Target> = { standin: standinTarget, electron: electronTarget };

for (const target of Object.values(targets))
  console.log(
    target.skipReason
      ? `[electron suite] target ${target.name}: SKIPPED: ${target.skipReason}`
      : `[electron suite] target ${target.name}: runs the built app (dist/) ${target.name === 'standin' ? 'under Node with the Electron stand-in and Chromium' : 'in Electron'}`,
  );

type Launch = (options?: { args?: string[]; home?: string }) => Promise<AppDriver>;

export const test = base.extend<{ home: string; launch: Launch; volsnap: AppDriver }, { target: TargetName }>({
  target: ['standin', { option: true, scope: 'worker' }],
  // Playwright reads fixture dependencies from the destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  home: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'volsnap-app-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  launch: async ({ target, home }, use, testInfo) => {
    const chosen = targets[target];
    if (chosen.skipReason) testInfo.skip(true, chosen.skipReason);
    const started: AppDriver[] = [];
    await use(async (options = {}) => {
      const driver = await chosen.launch({ home: options.home ?? home, args: options.args ?? [] });
      started.push(driver);
      return driver;
    });
    for (const driver of started) await driver.kill();
  },
  volsnap: async ({ launch }, use) => {
    await use(await launch());
  },
});

export { expect } from '@playwright/test';
