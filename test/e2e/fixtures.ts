/**
 * Each test gets a fresh bridge (its own database and data folder) and a page
 * with the bridge's `window.volsnap` injected in place of the Electron preload.
 * Providers are the real clients: the demo cloud in-process, DigitalOcean
 * against its local emulator (token `good`).
 */
import { test as base, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { createProviderClient } from '../../src/main/providers';
import { startBridge, type Bridge, type BridgeOptions } from '../bridge/server';
import { startDigitalOceanFake, type DigitalOceanFake } from '../fakes';

const browserApi = fileURLToPath(new URL('../bridge/browser-api.js', import.meta.url));

export const GOOD_TOKEN = 'good';

export const test = base.extend<{
  secretStorage: BridgeOptions['secretStorage'];
  digitalOcean: DigitalOceanFake;
  bridgeOptions: BridgeOptions;
  bridge: Bridge;
}>({
  /** How the bridge reports the OS key store; tests of the no-keyring flow override it. */
  secretStorage: [undefined, { option: true }],
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
  bridge: async ({ bridgeOptions }, use) => {
    const bridge = await startBridge(bridgeOptions);
    await use(bridge);
    await bridge.close();
  },
  page: async ({ page, bridge }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.addInitScript({ path: browserApi });
    await page.goto(bridge.url);
    await use(page);
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
