/**
 * The test's handle on a stand-in app process: requests over the Node IPC
 * channel the launcher opened (child_process 'ipc'), answered from the
 * stand-in's records. Nothing here is visible to the app's code or its page;
 * it plays the user and the OS: click the tray, click a notification, put the
 * computer to sleep and wake it.
 */
import { StandinBrowserWindow } from './browser-window';
import type { StandinApp } from './app';
import type { ChromiumHost } from './chromium';
import { StandinTray, type StandinMenuItem } from './menu';
import { StandinNotification } from './notification';
import { dialog, nativeTheme, powerMonitor, shell } from './system';

export interface ControlDeps {
  app: StandinApp;
  chromium: ChromiumHost;
}

function menuItems(items: StandinMenuItem[]) {
  return items
    .filter((item) => item.type !== 'separator')
    .map((item) => ({ id: item.id, label: item.label, enabled: item.enabled, checked: item.checked, type: item.type }));
}

function onlyTray(): StandinTray {
  const [tray, ...more] = StandinTray.all();
  if (!tray || more.length) throw new Error(`Expected one tray icon, found ${StandinTray.all().length}`);
  return tray;
}

function trayItem(match: { id?: string; label?: string }): StandinMenuItem {
  const items = onlyTray().menu?.items ?? [];
  const item = items.find((i) => (match.id !== undefined ? i.id === match.id : i.label === match.label));
  if (!item) throw new Error(`The tray menu has no item ${JSON.stringify(match)}; it has ${items.map((i) => i.label)}`);
  if (!item.enabled) throw new Error(`The tray menu item "${item.label}" is disabled`);
  return item;
}

function status({ app, chromium }: ControlDeps) {
  return {
    ready: app.isReady(),
    chromiumStarted: chromium.started,
    cdpUrl: chromium.cdpUrl,
    windows: StandinBrowserWindow.getAllWindows().map((w) => ({
      id: w.id,
      visible: w.isVisible(),
      focused: w.isFocused(),
      url: w.webContents.getURL(),
      preload: w.webContents.preloadPath,
      ipcCalls: w.webContents.ipcCalls,
      windowOpens: w.webContents.windowOpens,
      navigations: w.webContents.navigations,
      blockedRequests: w.webContents.session.blocked,
    })),
    trays: StandinTray.all().map((t) => ({
      tooltip: t.tooltip,
      image: t.image.path,
      imageEmpty: t.image.isEmpty(),
      images: t.images.map((i) => i.path),
    })),
    notifications: StandinNotification.shown().map((n) => ({ title: n.title, body: n.body, urgency: n.urgency })),
    loginItem: app.getLoginItemSettings(),
    externalUrls: shell.externalUrls,
    openedPaths: shell.openedPaths,
    errorBoxes: dialog.errorBoxes,
    themeSource: nativeTheme.themeSource,
  };
}

type Op = (deps: ControlDeps, args: Record<string, unknown>) => unknown;

const ops: Record<string, Op> = {
  status: (deps) => status(deps),
  // Before the app made its tray there is nothing to list (a test polls until there is).
  trayItems: () => (StandinTray.all().length ? menuItems(onlyTray().menu?.items ?? []) : []),
  clickTray: (_deps, args) => trayItem(args).click(),
  clickTrayIcon: () => onlyTray().emit('click', {}, { x: 0, y: 0, width: 0, height: 0 }),
  clickNotification: (_deps, args) => {
    const notification = StandinNotification.shown()[args.index as number];
    if (!notification) throw new Error(`No notification number ${String(args.index)} was shown`);
    notification.click();
  },
  power: (_deps, args) => void powerMonitor.emit(String(args.event), {}),
  loadURL: async (_deps, args) => {
    const [window] = StandinBrowserWindow.getAllWindows();
    if (!window) throw new Error('No window to load into');
    await window.webContents.loadURL(String(args.url));
  },
  closeWindow: () => StandinBrowserWindow.getAllWindows()[0]?.close(),
  quit: ({ app }) => app.quit(),
};

export function installControl(deps: ControlDeps): { close(): void } {
  if (!process.send) return { close: () => undefined };
  const onMessage = (message: { id: number; op: string; args?: Record<string, unknown> }) => {
    const op = ops[message.op];
    void Promise.resolve()
      .then(() => {
        if (!op) throw new Error(`Unknown stand-in control request: ${message.op}`);
        return op(deps, message.args ?? {});
      })
      .then(
        (value) => process.send?.({ id: message.id, ok: true, value: value ?? null }),
        (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) }),
      );
  };
  process.on('message', onMessage);
  // The test went away: so does the app (as a closed Playwright session ends Electron).
  process.on('disconnect', () => deps.app.exit(0));
  return { close: () => process.off('message', onMessage) };
}
