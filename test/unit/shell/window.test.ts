import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeSession, FakeWebContents } from '../../support/fake-electron';

vi.mock('electron', async () => {
  const fake = await import('../../support/fake-electron');
  return { ...fake.electronModule, default: fake.electronModule };
});

const { allowedExternalUrl, hardenSession, hardenWebContents, isAppUrl, secureWebPreferences } =
  await import('../../../src/main/shell/window/window-security');
const { MainWindow } = await import('../../../src/main/shell/window/main-window');
const { restoreBounds } = await import('../../../src/main/shell/window/window-state');

const appUrl = 'file:///opt/volsnap/resources/app.asar/dist/renderer/index.html';

describe('window security rules', () => {
  it('web preferences: isolated, sandboxed, no Node', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('only https links without credentials may leave the app', () => {
    expect(allowedExternalUrl('https://cloud.digitalocean.com/account/api/tokens')).toBe(
      'https://cloud.digitalocean.com/account/api/tokens',
    );
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.com',
      'https://example.com/',
      'https://cloud.digitalocean.com.evil.example/',
      'https://evil.console.aws.amazon.com.example/',
      'not a url',
    ]) {
      expect(allowedExternalUrl(url), url).toBeNull();
    }
  });

  it('opens the snapshot consoles of every provider (and their regional AWS consoles)', () => {
    for (const url of [
      'https://cloud.digitalocean.com/images/snapshots/volumes',
      'https://console.scaleway.com/block-storage/snapshots',
      'https://console.hetzner.com/projects',
      'https://eu-central-1.console.aws.amazon.com/ec2/home?region=eu-central-1#SnapshotDetails:snapshotId=snap-0123456789abcdef0',
      'https://console.cloud.google.com/compute/snapshots',
    ])
      expect(allowedExternalUrl(url), url).toBe(url);
  });

  it('recognises the app page whatever the hash, and nothing else', () => {
    expect(isAppUrl(`${appUrl}#/rules/12`, appUrl)).toBe(true);
    expect(isAppUrl('file:///tmp/evil.html', appUrl)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/activity', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  function harden() {
    const contents = new FakeWebContents();
    const openExternal = vi.fn(() => Promise.resolve());
    hardenWebContents(contents as never, { appUrl: () => appUrl, openExternal });
    return { contents, openExternal };
  }

  it('denies every window.open; https targets on allowed hosts go to the browser', () => {
    const { contents, openExternal } = harden();
    const console = 'https://cloud.digitalocean.com/images/snapshots/volumes';
    expect(contents.openHandler!({ url: console })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith(console);
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'http://example.com' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://docs.volsnap.app/help' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('prevents navigation away from the app page, redirects and webviews', () => {
    const { contents, openExternal } = harden();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.fire('will-navigate', 'https://console.hetzner.com/projects')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://console.hetzner.com/projects');
    expect(contents.fire('will-navigate', 'file:///tmp/other.html')).toBe(true);
    expect(contents.fire('will-navigate', `${appUrl}#/settings`)).toBe(false);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });
});

describe('hardenSession', () => {
  it('grants no permission and blocks network requests from the page', () => {
    const session = new FakeSession();
    hardenSession(session as never);
    const granted = vi.fn();
    session.permissionRequest!(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(session.permissionCheck!()).toBe(false);
    const answer = vi.fn();
    session.beforeRequest!({ url: 'https://tracker.example/x.js' }, answer);
    expect(answer).toHaveBeenCalledWith({ cancel: true });
  });

  it('in npm run dev, lets the page reach only the dev server', () => {
    const session = new FakeSession();
    hardenSession(session as never, 'http://localhost:5173/');
    const answer = vi.fn();
    session.beforeRequest!({ url: 'ws://localhost:5173/' }, answer);
    session.beforeRequest!({ url: 'https://example.com/' }, answer);
    expect(answer.mock.calls).toEqual([[{ cancel: false }], [{ cancel: true }]]);
  });
});

describe('MainWindow', () => {
  beforeEach(() => (FakeBrowserWindow.instances.length = 0));

  function open(saved?: unknown) {
    const saves: unknown[] = [];
    const window = new MainWindow({
      preload: '/app/dist/preload/index.cjs',
      indexHtml: '/opt/volsnap/resources/app.asar/dist/renderer/index.html',
      bounds: { load: () => saved, save: (b) => saves.push(b) },
      openExternal: () => Promise.resolve(),
    });
    window.show();
    return { window, fake: FakeBrowserWindow.instances[0]!, saves };
  }

  it('started in the tray, creates no window until opened, then opens at the asked page', () => {
    const window = new MainWindow({
      preload: '/app/dist/preload/index.cjs',
      indexHtml: '/opt/volsnap/resources/app.asar/dist/renderer/index.html',
      bounds: { load: () => undefined, save: () => undefined },
      openExternal: () => Promise.resolve(),
    });
    window.showWhenReady(false);
    void window.load();
    window.send('app:navigate', { path: '/' });
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(window.isTrustedSender({ sender: {}, senderFrame: { url: window.appUrl, parent: null } } as never)).toBe(
      false,
    );

    window.openAt('/activity?rule=3');
    const [fake] = FakeBrowserWindow.instances;
    expect(fake?.loadedUrl).toBe(`${window.appUrl}#/activity?rule=3`);
    expect(fake?.visible).toBe(false);
    fake!.emit('ready-to-show');
    expect(fake?.visible).toBe(true);
  });

  it('shown at start: created and loaded at once, shown when ready', () => {
    const window = new MainWindow({
      preload: '/app/dist/preload/index.cjs',
      indexHtml: '/opt/volsnap/resources/app.asar/dist/renderer/index.html',
      bounds: { load: () => undefined, save: () => undefined },
      openExternal: () => Promise.resolve(),
    });
    window.showWhenReady(true);
    void window.load();
    const [fake] = FakeBrowserWindow.instances;
    expect(fake?.loadedUrl).toBe(window.appUrl);
    fake!.emit('ready-to-show');
    expect(fake?.visible).toBe(true);
  });

  it('creates the window hidden with the secure preferences', () => {
    const { fake } = open();
    expect(fake.options).toMatchObject({
      show: false,
      width: 1100,
      height: 720,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
  });

  it('closing hides to the tray and remembers the bounds; after quit it closes', () => {
    const { window, fake, saves } = open();
    fake.visible = true;
    expect(fake.tryClose()).toBe(true);
    expect(fake.visible).toBe(false);
    expect(saves).toEqual([{ x: 10, y: 20, width: 1000, height: 700, maximized: false }]);
    window.allowClose();
    expect(fake.tryClose()).toBe(false);
  });

  it('restores saved bounds that are on a screen', () => {
    const { fake } = open({ x: 100, y: 50, width: 900, height: 650, maximized: true });
    expect(fake.options).toMatchObject({ x: 100, y: 50, width: 900, height: 650 });
    expect(fake.maximized).toBe(true);
  });

  it('openAt shows the window and asks the page to navigate', () => {
    const { window, fake } = open();
    window.openAt('/activity?rule=12');
    expect(fake.visible).toBe(true);
    expect(fake.webContents.sent).toEqual([['app:navigate', { path: '/activity?rule=12' }]]);
  });

  it('trusts only the main frame of its own page', () => {
    const { window, fake } = open();
    const frame = (url: string, parent: unknown = null) =>
      ({ sender: fake.webContents, senderFrame: { url, parent } }) as never;
    expect(window.isTrustedSender(frame(`${window.appUrl}#/`))).toBe(true);
    expect(window.isTrustedSender(frame('https://evil.example/'))).toBe(false);
    expect(window.isTrustedSender(frame(window.appUrl, {}))).toBe(false);
    expect(
      window.isTrustedSender({
        sender: new FakeWebContents(),
        senderFrame: { url: window.appUrl, parent: null },
      } as never),
    ).toBe(false);
  });
});

describe('restoreBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('falls back to the default size when the saved window is off every screen or missing', () => {
    expect(restoreBounds({ x: 5000, y: 5000, width: 900, height: 700, maximized: false }, screen)).toEqual({
      bounds: { width: 1100, height: 720 },
      maximized: false,
    });
    expect(restoreBounds(undefined, screen).bounds).toEqual({ width: 1100, height: 720 });
    expect(restoreBounds({ x: 'a' }, screen).bounds).toEqual({ width: 1100, height: 720 });
  });
  it('pulls a partly visible window fully onto its screen', () => {
    expect(restoreBounds({ x: 1500, y: -40, width: 900, height: 700, maximized: false }, screen).bounds).toEqual({
      x: 1020,
      y: 0,
      width: 900,
      height: 700,
    });
  });
});
