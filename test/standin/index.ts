/**
 * The Electron stand-in: the part of Electron's main-process API volsnap's
 * shell uses, so the built app (dist/main, dist/preload, dist/renderer) runs
 * under Node with real Chromium behind its window. register.mjs makes
 * `electron` resolve to `electron` below. See README "Two targets" for what
 * this can and cannot prove.
 */
import { StandinApp } from './app';
import { setWindowHost, StandinBrowserWindow } from './browser-window';
import { ChromiumHost } from './chromium';
import { installControl } from './control';
import { preventable } from './events';
import { StandinIpcMain } from './ipc-main';
import { nativeImage, StandinMenu, StandinMenuItem, StandinTray } from './menu';
import { StandinNotification } from './notification';
import { defaultPaths } from './paths';
import { createSafeStorage } from './safe-storage';
import { StandinSession } from './session';
import { dialog, nativeTheme, powerMonitor, screen, shell } from './system';
import { StandinWebContents } from './web-contents';

const chromium = new ChromiumHost();
const ipcMain = new StandinIpcMain();
let control: { close(): void } = { close: () => undefined };

const app: StandinApp = new StandinApp({
  async closeAllWindows() {
    for (const window of StandinBrowserWindow.getAllWindows()) if (!(await window.requestClose())) return false;
    return true;
  },
  windowCount: () => StandinBrowserWindow.getAllWindows().length,
  async shutdown() {
    control.close();
    await chromium.close();
  },
});

setWindowHost({
  chromium,
  ipcMain,
  onWindowsEmpty: () => app.lastWindowClosed(),
  onCreated: (contents) => app.emit('web-contents-created', preventable(), contents),
});

// Electron's main process says so; some libraries branch on it.
(process as { type?: string }).type = 'browser';

export const electron = {
  app,
  BrowserWindow: StandinBrowserWindow,
  ipcMain,
  Menu: StandinMenu,
  MenuItem: StandinMenuItem,
  Tray: StandinTray,
  nativeImage,
  Notification: StandinNotification,
  nativeTheme,
  powerMonitor,
  screen,
  shell,
  dialog,
  safeStorage: createSafeStorage(defaultPaths(process.argv, process.env, app.name).home),
  session: { defaultSession: new StandinSession() },
  webContents: {
    getAllWebContents: () => StandinWebContents.getAllWebContents(),
    fromId: (id: number) => StandinWebContents.getAllWebContents().find((c) => c.id === id) ?? null,
    getFocusedWebContents: () => StandinBrowserWindow.getFocusedWindow()?.webContents ?? null,
  },
};

control = installControl({ app, chromium });
console.log(`[electron stand-in] running ${process.argv[1]} under Node ${process.version} with the Electron stand-in`);
