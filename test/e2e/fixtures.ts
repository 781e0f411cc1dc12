/**
 * Each test gets a fresh bridge (its own database and data folder) and a page
 * logged in to it through the daemon's web UI transport: the renderer's own
 * web transport (src/renderer/web-transport.ts) stands in for the Electron
 * preload. The `daemon` project runs the whole daemon instead of the bridge.
 * Providers are the real clients: the demo cloud in-process, DigitalOcean
 * against its local emulator (token `good`).
 */
import { test as base, expect } from '@playwright/test';
import { createProviderClient } from '../../src/main/providers';
import { startBridge, startDaemonBridge, type Bridge, type BridgeOptions } from '../bridge/server';
import { startDigitalOceanFake, type DigitalOceanFake } from '../fakes';

export const GOOD_TOKEN = 'good';

export const test = base.extend<{
  /** What serves the page: the test bridge, or the whole `volsnap daemon` (playwright.config.ts projects). */
  transport: 'bridge' | 'daemon';
  secretStorage: BridgeOptions['secretStorage'];
  digitalOcean: DigitalOceanFake;
  bridgeOptions: BridgeOptions;
  bridge: Bridge;
}>({
  /** How the bridge reports the OS key store; tests of the no-keyring flow override it. */
  secretStorage: [undefined, { option: true }],
  transport: ['bridge', { option: true }],
  // Playwright reads a fixture's dependencies from its destructuring, so none is written as {}.
  // eslint-disable-next-line no-empty-pattern
  digitalOcean: async ({}, use) => {
    const fake = await startDigitalOceanFake({ token: GOOD_TOKEN });
    fake.addVolume({ name: 'db-data', region: 'fra1', sizeGb: 100 });
    fake.addVolume({ name: 'uploads', region: 'fra1', sizeGb: 50 });
    await use(fake);
    await fake.close();
  },
  bridgeOptions: async ({ digitalOcean, secretStorage }, use) => {
    await use({
      providers: (kind, token, options) =>
        createProviderClient(kind, token, {
          ...options,
          ...(kind === 'digitalocean' ? { baseUrl: digitalOcean.url } : {}),
        }),
      ...(secretStorage ? { secretStorage } : {}),
    });
  },
  bridge: async ({ bridgeOptions, transport }, use) => {
    const bridge = await (transport === 'daemon' ? startDaemonBridge : startBridge)(bridgeOptions);
    await use(bridge);
    await bridge.close();
  },
  page: async ({ page, bridge }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(bridge.loginUrl);
    await expect(page).toHaveURL(bridge.url);
    await use(page);
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
