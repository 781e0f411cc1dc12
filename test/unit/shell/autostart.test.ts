import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  autostartCommand,
  autostartFor,
  desktopEntry,
  LoginItemAutostart,
  shouldStartHidden,
  XdgAutostart,
  xdgAutostartDir,
} from '../../../src/main/shell/os/autostart';

const dirs: string[] = [];
const tempXdg = () => {
  const dir = mkdtempSync(join(tmpdir(), 'volsnap-xdg-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const execLine = (text: string) => text.split('\n').find((line) => line.startsWith('Exec='));

describe('Linux XDG autostart', () => {
  it('uses $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/ann')).toBe('/x/cfg/autostart');
    expect(xdgAutostartDir({}, '/home/ann')).toBe('/home/ann/.config/autostart');
  });

  it('writes an entry that starts the AppImage hidden when $APPIMAGE is set, and removes it', () => {
    const xdg = tempXdg();
    const env = { XDG_CONFIG_HOME: xdg, APPIMAGE: '/home/ann/Apps/volsnap-0.1.0.AppImage' };
    const autostart = autostartFor({
      platform: 'linux',
      app: {} as never,
      env,
      execPath: '/tmp/.mount_volsnapXYZ/volsnap',
    });
    expect(autostart.isEnabled()).toBe(false);
    autostart.setEnabled(true);
    const file = join(xdg, 'autostart', 'volsnap.desktop');
    const text = readFileSync(file, 'utf8');
    expect(execLine(text)).toBe('Exec=/home/ann/Apps/volsnap-0.1.0.AppImage --hidden');
    expect(text).toContain('[Desktop Entry]\nType=Application');
    expect(autostart.isEnabled()).toBe(true);
    autostart.setEnabled(false);
    expect(autostart.isEnabled()).toBe(false);
    expect(() => readFileSync(file)).toThrow();
  });

  it('uses the executable without $APPIMAGE (deb install), quoting paths with spaces', () => {
    const xdg = tempXdg();
    const autostart = new XdgAutostart(join(xdg, 'autostart'), autostartCommand({}, '/opt/vol snap/volsnap'));
    autostart.setEnabled(true);
    expect(execLine(readFileSync(autostart.file, 'utf8'))).toBe('Exec="/opt/vol snap/volsnap" --hidden');
  });

  it('from a checkout, passes the app folder to Electron', () => {
    expect(autostartCommand({}, '/repo/node_modules/electron/dist/electron', '/repo')).toEqual([
      '/repo/node_modules/electron/dist/electron',
      '/repo',
      '--hidden',
    ]);
  });

  it('escapes characters the Desktop Entry spec reserves', () => {
    expect(execLine(desktopEntry(['/opt/a$b "c"/100%/x']))).toBe('Exec="/opt/a\\\\$b \\\\"c\\\\"/100%%/x"');
  });

  it('reads an entry the user disabled in their desktop settings as off', () => {
    const xdg = tempXdg();
    const autostart = new XdgAutostart(xdg, ['/usr/bin/volsnap', '--hidden']);
    autostart.setEnabled(true);
    writeFileSync(
      autostart.file,
      readFileSync(autostart.file, 'utf8').replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'),
    );
    expect(autostart.isEnabled()).toBe(false);
  });
});

describe('macOS and Windows login items', () => {
  function fakeApp() {
    let openAtLogin = false;
    return {
      setLoginItemSettings: vi.fn(
        (settings: { openAtLogin?: boolean }) => void (openAtLogin = settings.openAtLogin ?? false),
      ),
      getLoginItemSettings: vi.fn(() => ({ openAtLogin }) as never),
    };
  }

  it('Windows registers with --hidden and reads back with the same args', () => {
    const app = fakeApp();
    const autostart = new LoginItemAutostart(app, 'win32');
    autostart.setEnabled(true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    expect(autostart.isEnabled()).toBe(true);
    expect(app.getLoginItemSettings).toHaveBeenLastCalledWith({ args: ['--hidden'] });
  });

  it('macOS uses a plain login item (a login launch is detected through wasOpenedAtLogin)', () => {
    const app = fakeApp();
    const autostart = autostartFor({
      platform: 'darwin',
      app,
      env: {},
      execPath: '/Applications/volsnap.app/Contents/MacOS/volsnap',
    });
    autostart.setEnabled(true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: [] });
    autostart.setEnabled(false);
    expect(autostart.isEnabled()).toBe(false);
  });
});

describe('starting hidden', () => {
  it('stays in the tray when launched at login or asked to', () => {
    expect(shouldStartHidden(['/usr/bin/volsnap', '--hidden'], false)).toBe(true);
    expect(shouldStartHidden(['/usr/bin/volsnap'], false, true)).toBe(true);
    expect(shouldStartHidden(['/usr/bin/volsnap'], true)).toBe(true);
    expect(shouldStartHidden(['/usr/bin/volsnap'], false)).toBe(false);
  });
});
