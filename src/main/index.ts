/**
 * Composition root: build the core and the shell's adapters, wire them, start.
 * Logic lives in plain modules (src/main/shell/*, the core); this file only connects them.
 */
import { app, dialog, ipcMain, powerMonitor, safeStorage, shell } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from './core';
import { acquireDataLock } from './data-lock';
import { createLogger } from './ports/log';
import { autostartFor, shouldStartHidden } from './shell/os/autostart';
import { callerOf } from './shell/core-calls';
import { shellProviderFactory } from './shell/provider-factory';
import { createElectronOsIntegration } from './shell/os/electron-os-integration';
import { registerIpc } from './shell/ipc';
import { cleanQuit, forwardPushEvents, onSecondInstance } from './shell/lifecycle';
import { logToFile } from './shell/os/logging';
import { checkBinding, electronBindingPath } from './shell/os/native-binding';
import { openWithRecovery } from './shell/os/database-recovery';
import { problemNotice, showNotice, showTestNotice } from './shell/notifications/notices';
import { engineProblemNotice } from './shell/notifications/notification-policy';
import { Notifier } from './shell/notifications/notifier';
import { watchPower } from './shell/os/power';
import { SafeStorageSecretStore } from './shell/os/safe-storage-secrets';
import { ElectronSettingsStore, insecureConsent, openShellStore, windowBoundsStore } from './shell/os/shell-store';
import { installE2eHooks } from './shell/test-hooks';
import { resourcesDir } from './shell/tray/tray-icons';
import { setupTray } from './shell/tray/tray-setup';
import { installAppMenu } from './shell/window/app-menu';
import { applyTheme, MainWindow } from './shell/window/main-window';
import { WindowPushes } from './shell/window/window-pushes';

const here = dirname(fileURLToPath(import.meta.url));
// A packaged app never loads a URL from the environment.
const devServerUrl = app.isPackaged ? undefined : process.env.VITE_DEV_SERVER_URL;
const log = createLogger('app');

/** The shell's own files: settings, window bounds, start at login, the key store. */
function openShellStores() {
  const store = openShellStore();
  const autostart = autostartFor({
    platform: process.platform,
    app,
    env: process.env,
    execPath: process.execPath,
    ...(app.isPackaged ? {} : { appPath: app.getAppPath() }),
  });
  const secrets = new SafeStorageSecretStore(
    join(app.getPath('userData'), 'tokens.json'),
    safeStorage,
    insecureConsent(store),
  );
  return { store, autostart, secrets, settings: new ElectronSettingsStore(store, autostart) };
}

type ShellStores = ReturnType<typeof openShellStores>;

function buildCore({ autostart, secrets, settings }: ShellStores, where: ResourcesWhere) {
  return createCore({
    dbFile: join(app.getPath('userData'), 'volsnap.sqlite'),
    nativeBinding: checkBinding(
      electronBindingPath({
        ...where,
        electronVersion: process.versions.electron,
        platform: process.platform,
        arch: process.arch,
        devOverride: process.env.VOLSNAP_NATIVE_BINDING,
      }),
      app.isPackaged,
      existsSync,
    ),
    secrets,
    settings,
    // The tray re-reads start-at-login on the data:changed event settings:update emits.
    os: createElectronOsIntegration({
      app,
      shell,
      secrets,
      autostart,
      applyTheme,
      // The window may not exist yet when the core is built; a click on the sample needs no route.
      showTestNotification: () => showTestNotice(() => undefined),
    }),
    // A packaged build ignores VOLSNAP_*_API_URL: no environment variable may redirect a token.
    providers: shellProviderFactory({ packaged: app.isPackaged }),
    // Each demo account is its own simulated cloud, kept across restarts so reconciliation works.
    providerOptions: (account) =>
      account.provider === 'demo'
        ? { demoStatePath: join(app.getPath('userData'), `demo-cloud-${account.id}.json`) }
        : {},
  });
}

type ResourcesWhere = { packaged: boolean; resourcesPath: string; appPath: string };

/** Notifications, tray and power events, all driven by the core's push events. */
function wireShell(core: Core, window: MainWindow, stores: ShellStores, where: ResourcesWhere) {
  const openAt = (path?: string) => window.openAt(path);
  registerIpc(ipcMain, core.dispatch, window.isTrustedSender);
  // Merged during bursts, held while the window is hidden: a hidden window does no work.
  const pushes = new WindowPushes({
    send: (event, payload) => window.send(event, payload),
    visible: () => window.isVisible(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
  });
  window.onShown(() => pushes.shown());
  forwardPushEvents(core.bus, (event, payload) => pushes.push(event, payload));
  const notifier = new Notifier({
    show: (notice) => showNotice(notice, openAt),
    policy: () => stores.settings.get().notifications,
  });
  core.bus.on('activity:added', (entry) => notifier.add(entry));
  // Snapshots not running is told at once, whatever the notification settings say.
  core.bus.on('engine:problem', ({ problem }) => problem && showNotice(engineProblemNotice(problem), openAt));
  const tray = setupTray({
    call: callerOf(core.dispatch),
    bus: core.bus,
    clock: core.context.clock,
    autostart: stores.autostart,
    iconsDir: join(resourcesDir(where), 'tray'),
    actions: { open: openAt, quit: () => app.quit() },
    report: (title, error) => showNotice(problemNotice(title, error), openAt),
  });
  installE2eHooks(process.env, tray);
  const stopWatchingPower = watchPower(powerMonitor, core.engine);
  onSecondInstance(app, () => window.show());
  app.on('activate', () => window.show());
  cleanQuit(app, {
    allowWindowClose: () => window.allowClose(),
    engine: core.engine,
    dispose: [stopWatchingPower, () => notifier.dispose(), () => tray.destroy(), () => pushes.dispose()],
    closeDatabase: () => core.close(),
  });
}

function start(): void {
  logToFile(app.getPath('logs'), { alsoConsole: !app.isPackaged });
  // Windows shows notifications only for an app with an identity (electron-builder.yml appId).
  if (process.platform === 'win32') app.setAppUserModelId('app.volsnap.desktop');
  const where = { packaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() };
  // Packaged: no default menu, so no Toggle Developer Tools (macOS keeps app and Edit menus).
  installAppMenu({ packaged: app.isPackaged, platform: process.platform, appName: app.name });
  const stores = openShellStores();
  applyTheme(stores.settings.get().theme);
  // One engine per data folder: a `volsnap daemon` on the same folder makes the app refuse, and vice versa.
  const lock = acquireDataLock(app.getPath('userData'), 'the volsnap app');
  app.once('quit', () => lock.release());
  // A damaged database was set aside untouched; the user picks the backup, an empty one, or quit.
  const core = openWithRecovery(() => buildCore(stores, where), dialog);
  if (!core) return app.exit(0);
  const window = new MainWindow({
    preload: join(here, '../preload/index.cjs'),
    indexHtml: join(here, '../renderer/index.html'),
    ...(devServerUrl ? { devServerUrl } : {}),
    bounds: windowBoundsStore(stores.store),
    openExternal: (url) => shell.openExternal(url),
    devTools: !app.isPackaged,
  });
  wireShell(core, window, stores, where);

  core.engine.start().catch((error: unknown) => log.error('The snapshot engine did not start', error));
  // The scheduled target refresh (discovery): new volumes join selector rules without the user acting.
  core.discovery.start();
  const openedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  window.showWhenReady(!shouldStartHidden(process.argv, stores.settings.get().startHidden, openedAtLogin));
  void window.load();
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error('volsnap could not start', error instanceof Error ? (error.stack ?? message) : message);
  dialog.showErrorBox('volsnap could not start', message);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) app.quit();
else void app.whenReady().then(start).catch(fail);
