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

type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/**
 * safeStorage with Electron 45's shapes. Ciphertext is visibly not the
 * plaintext (reversed hex with a key tag). The deprecated synchronous API
 * writes `v10:` like Chromium's os_crypt and counts its calls, so a test can
 * make a legacy tokens.json and check the app never uses it; the asynchronous
 * API decrypts both, and reports `shouldReEncrypt` for legacy data and for
 * data under an older key (after `rotateKey()`).
 */
export class FakeSafeStorage {
  available = true;
  backend: StorageBackend = 'gnome_libsecret';
  keyVersion = 1;
  deprecatedCalls = 0;
  asyncCalls: string[] = [];
  constructor(options: Partial<Pick<FakeSafeStorage, 'available' | 'backend'>> = {}) {
    Object.assign(this, options);
  }
  private static seal(tag: string, text: string): Buffer {
    return Buffer.from(`${tag}:${Buffer.from(text).reverse().toString('hex')}`);
  }
  private static open(data: Buffer): { tag: string; text: string } {
    const match = /^([a-z0-9]+):([0-9a-f]*)$/.exec(data.toString());
    if (!match) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { tag: match[1]!, text: Buffer.from(match[2]!, 'hex').reverse().toString() };
  }
  /** @deprecated in Electron 45, removed in 46. */
  isEncryptionAvailable(): boolean {
    this.deprecatedCalls += 1;
    return this.available;
  }
  /** @deprecated in Electron 45, removed in 46. */
  encryptString(plainText: string): Buffer {
    this.deprecatedCalls += 1;
    return FakeSafeStorage.seal('v10', plainText);
  }
  /** @deprecated in Electron 45, removed in 46. */
  decryptString(encrypted: Buffer): string {
    this.deprecatedCalls += 1;
    return FakeSafeStorage.open(encrypted).text;
  }
  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }
  isAsyncEncryptionAvailable(): Promise<boolean> {
    this.asyncCalls.push('isAsyncEncryptionAvailable');
    return Promise.resolve(this.available);
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.asyncCalls.push('encryptStringAsync');
    if (!this.available) throw new Error('Encryption is not available.');
    return FakeSafeStorage.seal(`k${this.keyVersion}`, plainText);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    this.asyncCalls.push('decryptStringAsync');
    if (!this.available) throw new Error('Decryption is not available.');
    const { tag, text } = FakeSafeStorage.open(encrypted);
    if (tag === 'v10') return { shouldReEncrypt: true, result: text };
    const version = Number(tag.slice(1));
    if (!tag.startsWith('k') || version > this.keyVersion) throw new Error('Error while decrypting the ciphertext.');
    return { shouldReEncrypt: version < this.keyVersion, result: text };
  }
  rotateKey(): void {
    this.keyVersion += 1;
  }
  setUsePlainTextEncryption(): void {}
}

/** Menu: records the application menu set and the templates built. */
export const FakeMenu = {
  applicationMenu: undefined as unknown,
  setCalls: 0,
  buildFromTemplate(template: unknown[]) {
    return { template };
  },
  setApplicationMenu(menu: unknown): void {
    FakeMenu.applicationMenu = menu;
    FakeMenu.setCalls += 1;
  },
  reset(): void {
    FakeMenu.applicationMenu = undefined;
    FakeMenu.setCalls = 0;
  },
};

const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' as string });
const userData = mkdtempSync(join(tmpdir(), 'volsnap-fake-userdata-'));

export const electronModule = {
  BrowserWindow: FakeBrowserWindow,
  Menu: FakeMenu,
  safeStorage: new FakeSafeStorage(),
  Notification: FakeNotification,
  nativeTheme,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  app: { getPath: () => userData, getVersion: () => '0.1.0-test' },
  ipcMain: { on: () => undefined, handle: () => undefined, removeHandler: () => undefined },
  shell: { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') },
};
export default electronModule;
