/**
 * Composition root: build the core, wire the shell, start. Everything with
 * logic lives in plain modules; this file only connects them.
 */
import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from './core';
import { AppError } from '../shared/errors';
import { MemorySecretStore } from './secrets';
import { MemorySettingsStore } from './settings';
import { registerIpc } from './shell/ipc';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererUrl = process.env.VITE_DEV_SERVER_URL;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 800,
    minHeight: 600,
    webPreferences: { preload: join(here, '../preload/index.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
}

void app.whenReady().then(() => {
  const core = createCore({
    dbFile: join(app.getPath('userData'), 'volsnap.sqlite'),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    platform: {
      info: () => ({ version: app.getVersion(), platform: process.platform, dataDir: app.getPath('userData'), logsDir: app.getPath('logs') }),
      secretStorage: () => ({ available: false, secure: false, backend: 'memory', insecureAccepted: false }),
      acceptInsecureStorage: () => ({ available: false, secure: false, backend: 'memory', insecureAccepted: false }),
      openLogsFolder: async () => undefined,
      openDataFolder: async () => undefined,
      applySettings: () => undefined,
    },
    providers: () => {
      throw new AppError('unsupported', 'Cloud providers are not part of this build yet.');
    },
  });
  const win = createWindow();
  registerIpc(ipcMain, core.dispatch, (event) => event.sender === win.webContents);
  app.on('before-quit', () => core.close());
});
