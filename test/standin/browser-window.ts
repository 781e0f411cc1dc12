/**
 * BrowserWindow over a Chromium page. It refuses to exist unless the page is
 * sandboxed, context-isolated and without Node: those are the settings under
 * which the stand-in's preload host is a fair model, and a change to them in
 * volsnap must fail the suite rather than pass unnoticed.
 *
 * Window geometry, visibility and focus are the stand-in's records (the page
 * is headless). 'ready-to-show' fires after the first load; Electron fires it
 * at the first paint, which comes a little earlier.
 */
import { EventEmitter } from 'node:events';
import type { ChromiumHost } from './chromium';
import { preventable } from './events';
import type { StandinIpcMain } from './ipc-main';
import { StandinWebContents } from './web-contents';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowOptions extends Partial<Rect> {
  show?: boolean;
  title?: string;
  backgroundColor?: string;
  webPreferences?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface WindowHost {
  chromium: ChromiumHost;
  ipcMain: StandinIpcMain;
  onWindowsEmpty(): void;
  onCreated(contents: StandinWebContents): void;
}

/** The settings a volsnap window must have; anything else is refused. */
const required = { sandbox: true, contextIsolation: true, nodeIntegration: false } as const;

export function checkWebPreferences(prefs: Record<string, unknown> | undefined): string {
  const problems = Object.entries(required)
    .filter(([key, value]) => prefs?.[key] !== value)
    .map(([key, value]) => `${key} must be ${value} (got ${String(prefs?.[key])})`);
  if (prefs?.nodeIntegrationInSubFrames === true) problems.push('nodeIntegrationInSubFrames must not be true');
  if (prefs?.webSecurity === false) problems.push('webSecurity must not be false');
  if (typeof prefs?.preload !== 'string') problems.push('a preload script is required');
  if (problems.length)
    throw new Error(`The Electron stand-in refuses to open an insecure window: ${problems.join('; ')}`);
  return prefs!.preload as string;
}

let nextId = 1;
const windows = new Set<StandinBrowserWindow>();
let hostRef: WindowHost | null = null;

export function setWindowHost(host: WindowHost): void {
  hostRef = host;
}

export class StandinBrowserWindow extends EventEmitter {
  static getAllWindows(): StandinBrowserWindow[] {
    return [...windows];
  }

  static getFocusedWindow(): StandinBrowserWindow | null {
    return [...windows].find((w) => w.focused) ?? null;
  }

  static fromWebContents(contents: unknown): StandinBrowserWindow | null {
    return [...windows].find((w) => w.webContents === contents) ?? null;
  }

  readonly id = nextId++;
  readonly webContents: StandinWebContents;
  /** setBackgroundColor calls, for tests (the theme follows nativeTheme). */
  readonly backgroundColors: string[] = [];
  title: string;
  private visible: boolean;
  private focused = false;
  private minimized = false;
  private maximized = false;
  private destroyed = false;
  private bounds: Rect;
  private shownOnce = false;

  constructor(options: WindowOptions = {}) {
    super();
    if (!hostRef) throw new Error('The stand-in is not set up (no window host)');
    const preload = checkWebPreferences(options.webPreferences);
    const host = hostRef;
    this.title = options.title ?? '';
    this.visible = options.show ?? true;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    if (options.backgroundColor) this.backgroundColors.push(options.backgroundColor);
    this.webContents = new StandinWebContents(host.chromium.newPage(), preload, host.ipcMain);
    this.webContents.once('did-finish-load', () => {
      if (!this.shownOnce) this.emit('ready-to-show');
      this.shownOnce = true;
    });
    windows.add(this);
    host.onCreated(this.webContents);
    if (this.visible) this.focused = true;
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
    this.focus();
    this.emit('show');
  }

  hide(): void {
    this.visible = false;
    this.focused = false;
    this.emit('hide');
  }

  focus(): void {
    for (const other of windows) other.focused = false;
    this.focused = true;
    this.emit('focus');
  }

  isVisible(): boolean {
    return this.visible && !this.minimized;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }

  restore(): void {
    this.minimized = false;
  }

  maximize(): void {
    this.maximized = true;
  }

  unmaximize(): void {
    this.maximized = false;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  getBounds(): Rect {
    return { ...this.bounds };
  }

  getNormalBounds(): Rect {
    return { ...this.bounds };
  }

  setBounds(bounds: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }

  setBackgroundColor(color: string): void {
    this.backgroundColors.push(color);
  }

  setTitle(title: string): void {
    this.title = title;
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  loadFile(path: string): Promise<void> {
    return this.webContents.loadFile(path);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** As Electron: 'close' may be prevented; otherwise the window is destroyed. True when it closed. */
  async requestClose(): Promise<boolean> {
    if (this.destroyed) return true;
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    await this.destroyNow();
    return true;
  }

  close(): void {
    void this.requestClose();
  }

  destroy(): void {
    void this.destroyNow();
  }

  private async destroyNow(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    windows.delete(this);
    await this.webContents.destroy();
    this.emit('closed');
    if (windows.size === 0) hostRef?.onWindowsEmpty();
  }
}
