/**
 * The stand-in target: `node --import test/standin/register.mjs dist/main/index.js`
 * with the test's folders, driven over the child's Node IPC channel (tray,
 * notifications, power) and over Chromium's DevTools port (the window's page).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { projectRoot } from '../../scripts/electron-native.mjs';
import { launchStandin, nodeBinding, type StandinProcess } from '../standin/launch';
import type { AppDriver, LaunchOptions, ShownNotification, Target, TrayItem, WindowInfo } from './driver';

interface StandinStatus {
  chromiumStarted: boolean;
  cdpUrl: string | null;
  windows: WindowInfo[];
  trays: Array<{ image: string; imageEmpty: boolean }>;
  notifications: ShownNotification[];
  externalUrls: string[];
}

function skipReason(): string | null {
  if (!existsSync(join(projectRoot, 'dist', 'main', 'index.js')))
    return 'volsnap is not built: run "npm run build" first';
  if (!existsSync(nodeBinding())) return `better-sqlite3's Node addon is missing (${nodeBinding()}): run "npm install"`;
  return null;
}

class StandinDriver implements AppDriver {
  readonly target = 'standin' as const;
  private browser: Browser | null = null;

  constructor(
    private readonly app: StandinProcess,
    readonly userData: string,
  ) {}

  private call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    return this.app.call<T>(op, args);
  }

  private status(): Promise<StandinStatus> {
    return this.call('status');
  }

  async windows(): Promise<WindowInfo[]> {
    return (await this.status()).windows;
  }

  async rendererExists(): Promise<boolean> {
    return (await this.status()).chromiumStarted;
  }

  async window(): Promise<Page> {
    let seen = '';
    for (let tries = 0; tries < 600; tries++) {
      const status = await this.status();
      const url = status.windows[0]?.url ?? '';
      if (status.cdpUrl && url.startsWith('file:')) {
        this.browser ??= await chromium.connectOverCDP(status.cdpUrl);
        const pages = this.browser.contexts().flatMap((c) => c.pages());
        const page = pages.find((p) => p.url() === url);
        if (page) return page;
        seen = `window at ${url}, pages at ${pages.map((p) => p.url()).join(', ')}`;
      } else seen = `windows ${JSON.stringify(status.windows)}, DevTools at ${status.cdpUrl}`;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`volsnap's window did not appear within a minute: ${seen}`);
  }

  closeWindow(): Promise<void> {
    return this.call('closeWindow');
  }

  trayItems(): Promise<TrayItem[]> {
    return this.call('trayItems');
  }

  async trayIcon(): Promise<string> {
    const [tray] = (await this.status()).trays;
    if (!tray) throw new Error('volsnap shows no tray icon');
    // A missing or unreadable icon file would give an empty tray icon in Electron.
    if (tray.imageEmpty) throw new Error(`The tray icon ${tray.image} is not a readable PNG`);
    return basename(tray.image, extname(tray.image)).replace(/Template$/, '');
  }

  clickTray(id: string): Promise<void> {
    return this.call('clickTray', { id });
  }

  async notifications(): Promise<ShownNotification[]> {
    return (await this.status()).notifications;
  }

  clickNotification(index: number): Promise<void> {
    return this.call('clickNotification', { index });
  }

  async externalUrls(): Promise<string[]> {
    return (await this.status()).externalUrls;
  }

  emitPower(event: 'suspend' | 'resume'): Promise<void> {
    return this.call('power', { event });
  }

  loadURLFromMain(url: string): Promise<void> {
    return this.call('loadURL', { url });
  }

  exited(): Promise<number | null> {
    return this.app.exited;
  }

  async kill(): Promise<void> {
    this.browser = null;
    await this.app.stop();
  }
}

export const standinTarget: Target = {
  name: 'standin',
  skipReason: skipReason(),
  async launch({ home, args = [] }: LaunchOptions) {
    const userData = join(home, 'profile');
    const app = launchStandin({
      mainScript: 'dist/main/index.js',
      cwd: projectRoot,
      home,
      args: [`--user-data-dir=${userData}`, ...args],
    });
    return new StandinDriver(app, userData);
  },
};
