/**
 * The application menu. Electron's default menu has View > Toggle Developer
 * Tools (and its shortcut), which in a packaged app would let anyone at the
 * keyboard run code in the window. A packaged app therefore has no menu on
 * Windows and Linux (the tray is volsnap's menu) and, on macOS, only what
 * the system expects: the app menu and Edit, whose roles give the copy, paste
 * and undo shortcuts in text fields. Development keeps the default menu.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  packaged: boolean;
  platform: NodeJS.Platform;
  appName: string;
}

/** The macOS menu of a packaged app: app and Edit menus, nothing for developers. */
export function macMenuTemplate(appName: string): MenuItemConstructorOptions[] {
  return [
    {
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
}

/** Sets the menu for a packaged app; leaves Electron's default (with DevTools) in development. */
export function installAppMenu({ packaged, platform, appName }: AppMenuOptions): void {
  if (!packaged) return;
  Menu.setApplicationMenu(platform === 'darwin' ? Menu.buildFromTemplate(macMenuTemplate(appName)) : null);
}
