/**
 * The one Chromium behind every stand-in BrowserWindow, started on the first
 * window (so an app that opens no window starts no browser, as Electron
 * starts no renderer). Windows are pages of one persistent context, which the
 * test process reaches over the DevTools port (connectOverCDP) to drive and
 * inspect the page, as Playwright's _electron does for real Electron.
 *
 * Differences from Electron: the pages are headless (a hidden or shown window
 * looks the same to Chromium; visibility is the stand-in's record), and
 * `--allow-file-access-from-files` lets the file:// page load its module
 * scripts, which Electron permits for file:// without a flag.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../e2e/chromium-path';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--allow-file-access-from-files',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class ChromiumHost {
  private context: Promise<BrowserContext> | null = null;
  private profile: string | null = null;
  cdpUrl: string | null = null;

  get started(): boolean {
    return this.context !== null;
  }

  async newPage(): Promise<Page> {
    const context = await (this.context ??= this.launch());
    // The persistent context opens with one blank page; the first window takes it.
    const blank = context.pages().find((page) => page.url() === 'about:blank' && !taken.has(page));
    const page = blank ?? (await context.newPage());
    taken.add(page);
    return page;
  }

  private async launch(): Promise<BrowserContext> {
    const port = await freePort();
    this.profile = mkdtempSync(join(tmpdir(), 'volsnap-standin-chromium-'));
    const context = await chromium.launchPersistentContext(this.profile, {
      executablePath: findChromium(),
      headless: true,
      args: [...chromiumArgs, `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'],
      viewport: { width: 1100, height: 720 },
    });
    this.cdpUrl = `http://127.0.0.1:${port}`;
    return context;
  }

  async close(): Promise<void> {
    if (this.context) await (await this.context).close().catch(() => undefined);
    if (this.profile) rmSync(this.profile, { recursive: true, force: true });
  }
}

const taken = new WeakSet<Page>();
