/**
 * Each test gets a fresh bridge (its own database and data folder) and a page
 * with the bridge's `window.volsnap` injected in place of the Electron preload.
 */
import { test as base, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startBridge, type Bridge, type BridgeOptions } from '../bridge/server';

const browserApi = fileURLToPath(new URL('../bridge/browser-api.js', import.meta.url));

export const test = base.extend<{ bridgeOptions: BridgeOptions; bridge: Bridge }>({
  bridgeOptions: [
    {
      providers: () => {
        throw new Error('This test did not configure providers.');
      },
    },
    { option: true },
  ],
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
