/**
 * The real-Electron target: Playwright's _electron launches the built app with
 * the Electron-ABI SQLite addon; the tray is read and clicked through the
 * main-process test hook (VOLSNAP_E2E_HOOKS), notifications are recorded by
 * wrapping Notification.prototype.show in main, shell.openExternal is replaced
 * by a recorder, and power events are emitted on Electron's own powerMonitor.
 * Runs only where an Electron binary exists; it could not be run on the
 * machines this was written on (no binary), so it is type-checked only.
 */
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findElectron } from '../../scripts/electron-binary.mjs';
import { ensureElectronBinding, projectRoot } from '../../scripts/electron-native.mjs';
import type { AppDriver, LaunchOptions, ShownNotification, Target, TrayItem, WindowInfo } from './driver';

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

const hooks = `globalThis[Symbol.for('volsnap.e2e')]`;

class ElectronDriver implements AppDriver {
  readonly target = 'electron' as const;
  private readonly exit: Promise<number | null>;

  constructor(
    private readonly app: ElectronApplication,
    readonly userData: string,
  ) {
    this.exit = new Promise((resolve) => app.process().once('exit', (code) => resolve(code)));
  }

  /** Runs `source` (a function of the electron module) in Electron's main process. */
  private main<T>(source: string): Promise<T> {
    return this.app.evaluate(
      (electron, code) => (new Function(`return (${code})`)() as (e: unknown) => unknown)(electron),
      source,
    ) as Promise<T>;
  }

  async install(): Promise<void> {
    // Recorders in main: notifications shown (and still shown by the OS), and links
    // volsnap hands to the browser (recorded instead of opening a browser in a test).
    await this.main(`({ Notification, shell }) => {
      globalThis.__shown = [];
      const show = Notification.prototype.show;
      Notification.prototype.show = function () { globalThis.__shown.push(this); return show.call(this); };
      globalThis.__external = [];
      shell.openExternal = async (url) => { globalThis.__external.push(url); };
    }`);
  }

  windows(): Promise<WindowInfo[]> {
    return this.main(`({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => ({
      visible: w.isVisible(), focused: w.isFocused(), url: w.webContents.getURL() }))`);
  }

  async rendererExists(): Promise<boolean> {
    return (await this.main<number>(`({ webContents }) => webContents.getAllWebContents().length`)) > 0;
  }

  async window(): Promise<Page> {
    const page = await this.app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  closeWindow(): Promise<void> {
    return this.main(`({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close()`);
  }

  trayItems(): Promise<TrayItem[]> {
    return this.main(`async () => (await ${hooks}.refreshTray(), ${hooks}.trayItems())`);
  }

  trayIcon(): Promise<string> {
    return this.main(`() => ${hooks}.trayState().icon`);
  }

  clickTray(id: string): Promise<void> {
    return this.main(`() => ${hooks}.clickTrayItem(${JSON.stringify(id)})`);
  }

  notifications(): Promise<ShownNotification[]> {
    return this.main(`() => globalThis.__shown.map((n) => ({ title: n.title, body: n.body, urgency: n.urgency }))`);
  }

  clickNotification(index: number): Promise<void> {
    return this.main(`() => globalThis.__shown[${index}].emit('click', {})`);
  }

  externalUrls(): Promise<string[]> {
    return this.main(`() => globalThis.__external`);
  }

  emitPower(event: 'suspend' | 'resume'): Promise<void> {
    return this.main(`({ powerMonitor }) => void powerMonitor.emit(${JSON.stringify(event)}, {})`);
  }

  loadURLFromMain(url: string): Promise<void> {
    return this.main(
      `({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].webContents.loadURL(${JSON.stringify(url)})`,
    );
  }

  exited(): Promise<number | null> {
    return this.exit;
  }

  async kill(): Promise<void> {
    if (this.app.process().exitCode === null) await this.app.close().catch(() => undefined);
  }
}

const found = prerequisites();

export const electronTarget: Target = {
  name: 'electron',
  skipReason: found.ok ? null : found.reason,
  async launch({ home, args = [] }: LaunchOptions) {
    if (!found.ok) throw new Error(found.reason);
    const userData = join(home, 'profile');
    const app = await _electron.launch({
      executablePath: found.electron,
      args: [projectRoot, `--user-data-dir=${userData}`, ...args],
      env: {
        ...process.env,
        VOLSNAP_NATIVE_BINDING: found.binding,
        // The tray hook (main process only); no security setting changes with it.
        VOLSNAP_E2E_HOOKS: '1',
        XDG_CONFIG_HOME: join(home, 'xdg'),
      },
    });
    const driver = new ElectronDriver(app, userData);
    await driver.install();
    return driver;
  },
};
