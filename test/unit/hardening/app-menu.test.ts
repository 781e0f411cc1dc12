import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMenu } from '../../support/fake-electron';

vi.mock('electron', async () => {
  const fake = await import('../../support/fake-electron');
  return { ...fake.electronModule, default: fake.electronModule };
});

const { installAppMenu } = await import('../../../src/main/shell/window/app-menu');

type Item = { role?: string; label?: string; submenu?: Item[]; accelerator?: string };
const roles = (items: Item[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
const built = () => (FakeMenu.applicationMenu as { template: Item[] } | null)?.template ?? null;

beforeEach(() => FakeMenu.reset());

describe('the packaged app has no menu with Toggle Developer Tools (issue 11, item 20)', () => {
  it('Windows and Linux, packaged: no application menu at all', () => {
    for (const platform of ['win32', 'linux'] as const) {
      FakeMenu.reset();
      installAppMenu({ packaged: true, platform, appName: 'volsnap' });
      expect(FakeMenu.setCalls, platform).toBe(1);
      expect(FakeMenu.applicationMenu, platform).toBeNull();
    }
  });

  it('macOS, packaged: an app menu and an Edit menu so copy and paste work, nothing for developers', () => {
    installAppMenu({ packaged: true, platform: 'darwin', appName: 'volsnap' });
    const template = built();
    expect(template).not.toBeNull();
    const all = roles(template!);
    for (const role of ['copy', 'paste', 'cut', 'selectAll', 'undo', 'redo', 'quit']) expect(all, role).toContain(role);
    for (const role of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'toggledevtools'])
      expect(all, role).not.toContain(role);
    expect(JSON.stringify(template)).not.toMatch(/dev ?tools|inspect/i);
    expect(template![0]!.label).toBe('volsnap');
  });

  it('development keeps Electron default menu (and its DevTools)', () => {
    installAppMenu({ packaged: false, platform: 'linux', appName: 'volsnap' });
    installAppMenu({ packaged: false, platform: 'darwin', appName: 'volsnap' });
    expect(FakeMenu.setCalls).toBe(0);
  });
});

describe('DevTools are off in a packaged window', () => {
  it('secureWebPreferences passes devTools through, on by default for development', async () => {
    const { secureWebPreferences } = await import('../../../src/main/shell/window/window-security');
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ devTools: true });
    expect(secureWebPreferences('/p.cjs', { devTools: false })).toMatchObject({ devTools: false, sandbox: true });
  });

  it('MainWindow created for a packaged app has devTools false', async () => {
    const { FakeBrowserWindow } = await import('../../support/fake-electron');
    const { MainWindow } = await import('../../../src/main/shell/window/main-window');
    const before = FakeBrowserWindow.instances.length;
    const window = new MainWindow({
      preload: '/p.cjs',
      indexHtml: '/opt/volsnap/index.html',
      bounds: { load: () => null, save: () => undefined },
      openExternal: () => Promise.resolve(),
      devTools: false,
    });
    // The window is created when first shown (a start in the tray creates none).
    window.show();
    expect(FakeBrowserWindow.instances.length).toBe(before + 1);
    const options = FakeBrowserWindow.instances.at(-1)!.options as { webPreferences: { devTools: boolean } };
    expect(options.webPreferences.devTools).toBe(false);
  });
});
