/**
 * A stand-in for the `electron` module: just enough of each API the shell uses,
 * recording what was asked of it. Tests install it with
 *   vi.mock('electron', async () => (await import('./fake-electron')).electronModule)
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeSession {
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
    null;
  permissionCheck: (() => boolean) | null = null;
  beforeRequest: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
  webRequest = {
    onBeforeRequest: (_filter: unknown, handler: FakeSession['beforeRequest']) => {
      this.beforeRequest = handler;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  session = new FakeSession();
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<[string, unknown]> = [];
  mainFrame = { url: '', parent: null };
  setWindowOpenHandler(handler: FakeWebContents['openHandler']): void {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  /** Emits like Electron does and reports whether a listener prevented it. */
  fire(event: string, ...args: unknown[]): boolean {
    const e = new FakeEvent();
    this.emit(event, e, ...args);
    return e.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  maximized = false;
  loadedUrl: string | null = null;
  background: string;
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.background = String(options.backgroundColor ?? '');
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
  setBackgroundColor(colour: string): void {
    this.background = colour;
  }
  /** Emits 'close' like Electron and reports whether it was prevented. */
  tryClose(): boolean {
    const e = new FakeEvent();
    this.emit('close', e);
    return e.defaultPrevented;
  }
}

export class FakeNotification extends EventEmitter {
  static shown: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title: string; body: string; urgency?: string }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}

const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' as string });
const userData = mkdtempSync(join(tmpdir(), 'volsnap-fake-userdata-'));

export const electronModule = {
  BrowserWindow: FakeBrowserWindow,
  Notification: FakeNotification,
  nativeTheme,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  app: { getPath: () => userData, getVersion: () => '0.1.0-test' },
  ipcMain: { on: () => undefined, handle: () => undefined, removeHandler: () => undefined },
  shell: { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') },
};
export default electronModule;
