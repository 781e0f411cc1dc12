/**
 * The stand-in target: `node --import test/standin/register.mjs dist/main/index.js`
 * with the test's folders, driven over the child's Node IPC channel (tray,
 * notifications, power) and over Chromium's DevTools port (the window's page).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { projectRoot } from '../../scripts/electron-native.mjs';
import type { AppDriver, LaunchOptions, ShownNotification, Target, TrayItem, WindowInfo } from './driver';

interface StandinStatus {
  chromiumStarted: boolean;
  cdpUrl: string | null;
  windows: WindowInfo[];
  trays: Array<{ image: string; imageEmpty: boolean }>;
  notifications: ShownNotification[];
  externalUrls: string[];
}

/** The Node-ABI better-sqlite3 addon npm built; the stand-in runs under Node, so that is the right one. */
function nodeBinding(): string {
  const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
  return join(dirname(pkg), 'build', 'Release', 'better_sqlite3.node');
}

function skipReason(): string | null {
  if (!existsSync(join(projectRoot, 'dist', 'main', 'index.js')))
    return 'volsnap is not built: run "npm run build" first';
  if (!existsSync(nodeBinding())) return `better-sqlite3's Node addon is missing (${nodeBinding()}): run "npm install"`;
  return null;
}

class StandinDriver implements AppDriver {
  readonly target = 'standin' as const;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: { ok: boolean; value?: unknown; error?: string }) => void>();
  private browser: Browser | null = null;
  private readonly exit: Promise<number | null>;
  private readonly output: string[] = [];

  constructor(
    private readonly child: ChildProcess,
    readonly userData: string,
  ) {
    child.on('message', (reply: { id: number; ok: boolean }) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
      if (process.env.VOLSNAP_STANDIN_DEBUG) process.stderr.write(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.exit.then(() => {
      for (const reject of this.pending.values()) reject({ ok: false, error: 'the app process has exited' });
      this.pending.clear();
    });
  }

  private async call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.child.exitCode !== null || !this.child.connected)
      throw new Error(`The app process has exited. Its last output:\n${this.output.join('')}`);
    const id = this.nextId++;
    const reply = await new Promise<{ ok: boolean; value?: unknown; error?: string }>((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ id, op, args });
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as T;
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
    return this.exit;
  }

  async kill(): Promise<void> {
    this.browser = null;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    // Closing the control channel makes the stand-in exit (it closes its Chromium first);
    // a process that does not go within 15 s is killed.
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exit;
    clearTimeout(timer);
  }
}

export const standinTarget: Target = {
  name: 'standin',
  skipReason: skipReason(),
  async launch({ home, args = [] }: LaunchOptions) {
    const userData = join(home, 'profile');
    const child = spawn(
      process.execPath,
      ['--import', './test/standin/register.mjs', 'dist/main/index.js', `--user-data-dir=${userData}`, ...args],
      {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: {
          ...process.env,
          VOLSNAP_STANDIN_HOME: home,
          VOLSNAP_NATIVE_BINDING: nodeBinding(),
          // Autostart entries land in the test folder, never in the real ~/.config.
          XDG_CONFIG_HOME: join(home, 'xdg'),
        },
      },
    );
    return new StandinDriver(child, userData);
  },
};
