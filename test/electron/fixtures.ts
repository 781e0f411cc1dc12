/**
 * Launches the built volsnap in Electron with a fresh user-data folder per test
 * and closes it afterwards. Where no Electron binary (or no Electron-ABI SQLite
 * binding) can be had, `electronSkipReason` says why and the suite skips.
 */
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectron } from '../../scripts/electron-binary.mjs';
import { ensureElectronBinding, projectRoot } from '../../scripts/electron-native.mjs';

function prerequisites(): { ok: true; electron: string; binding: string } | { ok: false; reason: string } {
  const electron = findElectron();
  if (!electron.ok)
    return {
      ok: false,
      reason: `Electron binary not available on this machine: ${electron.reason} (run "npm start" once with internet access)`,
    };
  if (!existsSync(join(projectRoot, 'dist', 'main', 'index.js')))
    return { ok: false, reason: 'volsnap is not built: run "npm run build" first' };
  try {
    return { ok: true, electron: electron.path, binding: ensureElectronBinding({ log: () => undefined }) };
  } catch (error) {
    return { ok: false, reason: `SQLite binding for Electron not available: ${(error as Error).message}` };
  }
}

const found = prerequisites();
export const electronSkipReason = found.ok ? null : found.reason;
if (!found.ok) console.log(`\n[electron suite] SKIPPED: ${found.reason}\n`);

export const test = base.extend<{ userData: string; volsnap: ElectronApplication; window: Page }>({
  // Playwright reads fixture dependencies from the destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  userData: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'volsnap-electron-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  volsnap: async ({ userData }, use) => {
    if (!found.ok) throw new Error(found.reason);
    const app = await _electron.launch({
      executablePath: found.electron,
      args: [projectRoot, `--user-data-dir=${join(userData, 'profile')}`],
      env: {
        ...process.env,
        VOLSNAP_NATIVE_BINDING: found.binding,
        // The tray hook (main process only); no security setting changes with it.
        VOLSNAP_E2E_HOOKS: '1',
        // Autostart entries land in the test folder, never in the real ~/.config.
        XDG_CONFIG_HOME: join(userData, 'xdg'),
      },
    });
    await use(app);
    await app.close();
  },
  window: async ({ volsnap }, use) => {
    const page = await volsnap.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

export { expect } from '@playwright/test';
