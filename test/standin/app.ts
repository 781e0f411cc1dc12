/**
 * The stand-in's `app`: lifecycle (ready, before-quit, will-quit, quit,
 * window-all-closed), the single-instance lock, paths, login items, quit/exit.
 *
 * Differences from Electron that matter here:
 * - 'ready' fires on the first turn of the event loop after the main script
 *   ran; Electron fires it once Chromium's browser process has started.
 * - Login items are recorded, not written to the OS (Electron writes the macOS
 *   login items or the Windows Run key; on Linux it has none, and volsnap
 *   writes an XDG autostart file itself, which the stand-in leaves real).
 * - isPackaged is false unless the packaging check asks for a packaged layout.
 */
import { EventEmitter } from 'node:events';
import { defaultPaths, ensureDir, findAppPath, readAppPackage } from './paths';
import { emitPreventable, preventable } from './events';
import { singleInstance, type SingleInstance } from './single-instance';

type PathName = keyof ReturnType<typeof defaultPaths> | 'exe' | 'module';

export interface LoginItemSettings {
  openAtLogin: boolean;
  openAsHidden: boolean;
  wasOpenedAtLogin: boolean;
  wasOpenedAsHidden: boolean;
  restoreState: boolean;
  executableWillLaunchAtLogin: boolean;
  args: string[];
}

export interface AppHost {
  /** Closes every window for quit; false when one refused (Electron then cancels the quit). */
  closeAllWindows(): Promise<boolean>;
  windowCount(): number;
  /** Closes Chromium and the control channel; called right before the process exits. */
  shutdown(): Promise<void>;
}

export class StandinApp extends EventEmitter {
  /**
   * False, as for `electron .` from a checkout; true when VOLSNAP_STANDIN_RESOURCES
   * names the resources folder of an unpacked package (the packaging check runs
   * the packed main from there, with process.resourcesPath set as Electron sets it).
   */
  readonly isPackaged = !!process.env.VOLSNAP_STANDIN_RESOURCES;
  readonly commandLine = {
    appendSwitch: (name: string, value?: string) => this.switches.set(name, value ?? ''),
    hasSwitch: (name: string) => this.switches.has(name),
    getSwitchValue: (name: string) => this.switches.get(name) ?? '',
  };
  name: string;
  private readonly switches = new Map<string, string>();
  private readonly appPath: string;
  private readonly version: string;
  private readonly paths: Record<string, string>;
  private ready = false;
  private readonly readyPromise: Promise<void>;
  private quitting = false;
  private exiting = false;
  private lock: SingleInstance | null = null;
  private loginItems: LoginItemSettings = {
    openAtLogin: false,
    openAsHidden: false,
    wasOpenedAtLogin: false,
    wasOpenedAsHidden: false,
    restoreState: false,
    executableWillLaunchAtLogin: false,
    args: [],
  };
  /** Every setLoginItemSettings call, for tests. */
  readonly loginItemCalls: Array<Partial<LoginItemSettings>> = [];
  appUserModelId: string | null = null;

  constructor(private readonly host: AppHost) {
    super();
    if (this.isPackaged) (process as { resourcesPath?: string }).resourcesPath = process.env.VOLSNAP_STANDIN_RESOURCES;
    this.appPath = findAppPath(process.argv[1]);
    const pkg = readAppPackage(this.appPath);
    this.name = pkg.productName ?? pkg.name;
    this.version = pkg.version;
    this.paths = defaultPaths(process.argv, process.env, this.name);
    this.readyPromise = new Promise((resolve) => {
      // After the main script's top level ran, as Electron's 'ready' comes after it.
      setImmediate(() => {
        this.ready = true;
        this.emit('will-finish-launching');
        this.emit('ready', preventable(), {});
        resolve();
      });
    });
  }

  isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  getName(): string {
    return this.name;
  }

  getVersion(): string {
    return this.version;
  }

  getAppPath(): string {
    return this.appPath;
  }

  getLocale(): string {
    return 'en-GB';
  }

  getPath(name: PathName): string {
    if (name === 'exe') return process.execPath;
    if (name === 'module') return process.execPath;
    const path = this.paths[name];
    if (!path) throw new Error(`Failed to get '${name}' path`);
    // Electron creates userData (and logs on demand); the stand-in creates what it hands out.
    return ensureDir(path);
  }

  setPath(name: string, path: string): void {
    this.paths[name] = path;
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  requestSingleInstanceLock(): boolean {
    this.lock ??= singleInstance(ensureDir(this.paths.userData!), (argv, cwd) =>
      this.emit('second-instance', preventable(), argv, cwd, {}),
    );
    return this.lock.acquire();
  }

  hasSingleInstanceLock(): boolean {
    return this.lock !== null;
  }

  releaseSingleInstanceLock(): void {
    this.lock?.release();
    this.lock = null;
  }

  getLoginItemSettings(_options?: { args?: string[] }): LoginItemSettings {
    return { ...this.loginItems, args: [...this.loginItems.args] };
  }

  setLoginItemSettings(settings: Partial<LoginItemSettings>): void {
    this.loginItemCalls.push(settings);
    this.loginItems = { ...this.loginItems, ...settings, executableWillLaunchAtLogin: !!settings.openAtLogin };
  }

  focus(): void {
    this.emit('standin:focus');
  }

  /**
   * As Electron: before-quit, then every window is closed (a window that
   * prevents its close cancels the quit), then will-quit (preventable), then
   * quit and exit(0).
   */
  quit(): void {
    void this.runQuit();
  }

  exit(code = 0): void {
    void this.finish(code);
  }

  private async runQuit(): Promise<void> {
    if (this.exiting) return;
    if (!this.quitting) {
      if (emitPreventable(this, 'before-quit')) return;
      this.quitting = true;
    }
    if (!(await this.host.closeAllWindows())) {
      this.quitting = false;
      return;
    }
    if (emitPreventable(this, 'will-quit')) return;
    this.emit('quit', preventable(), 0);
    await this.finish(0);
  }

  /** The app's own code asked for the window list to be empty (not during quit). */
  lastWindowClosed(): void {
    if (this.quitting) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }

  private async finish(code: number): Promise<void> {
    if (this.exiting) return;
    this.exiting = true;
    // A second instance hands its argv over before it goes.
    if (this.lock) await Promise.race([this.lock.notified, new Promise((r) => setTimeout(r, 2_000))]);
    this.lock?.release();
    await this.host.shutdown();
    process.exit(code);
  }
}
