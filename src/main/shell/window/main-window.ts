/**
 * The main window: created hidden and shown when its page is ready; when
 * volsnap starts in the tray (at login) no window and no renderer exist until
 * the user opens one. Hidden instead of closed, bounds remembered, background
 * following the OS or the chosen theme so it never flashes white in dark mode.
 */
import { BrowserWindow, nativeTheme, screen, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import type { PayloadOf, PushEvent } from '../../../shared/contract';
import type { Settings } from '../../../shared/domain';
import { hardenSession, hardenWebContents, isAppUrl, secureWebPreferences } from './window-security';
import { askBeforeDiscardingEdits } from './unsaved-changes';
import { minimumSize, restoreBounds, type SavedBounds } from './window-state';

export interface MainWindowOptions {
  preload: string;
  /** The built renderer's index.html, used unless a dev server URL is given. */
  indexHtml: string;
  devServerUrl?: string;
  bounds: { load(): unknown; save(bounds: SavedBounds): void };
  openExternal(url: string): Promise<void>;
  icon?: string;
  /** False in a packaged app: DevTools are for development only. */
  devTools?: boolean;
}

const background = () => (nativeTheme.shouldUseDarkColors ? '#16181d' : '#f6f7f9');

export function applyTheme(theme: Settings['theme']): void {
  nativeTheme.themeSource = theme;
}

export class MainWindow {
  readonly appUrl: string;
  private current: BrowserWindow | null = null;
  private quitting = false;
  private showOnReady = false;
  private readonly shownListeners: Array<() => void> = [];

  constructor(private readonly options: MainWindowOptions) {
    this.appUrl = options.devServerUrl ?? pathToFileURL(options.indexHtml).href;
  }

  /** The window, if it has been created (volsnap started in the tray creates none until it is opened). */
  get win(): BrowserWindow | null {
    return this.current && !this.current.isDestroyed() ? this.current : null;
  }

  /** Creates the window hidden and starts loading the page, at `path` when given. */
  private create(path?: string): BrowserWindow {
    const { options } = this;
    const restored = restoreBounds(
      options.bounds.load(),
      screen.getAllDisplays().map((d) => d.workArea),
    );
    const win = new BrowserWindow({
      ...restored.bounds,
      minWidth: minimumSize.width,
      minHeight: minimumSize.height,
      show: false,
      title: 'volsnap',
      backgroundColor: background(),
      ...(options.icon ? { icon: options.icon } : {}),
      webPreferences: secureWebPreferences(options.preload, { devTools: options.devTools ?? true }),
    });
    this.current = win;
    if (restored.maximized) win.maximize();
    hardenSession(win.webContents.session, options.devServerUrl);
    hardenWebContents(win.webContents, { appUrl: () => this.appUrl, openExternal: options.openExternal });
    askBeforeDiscardingEdits(win);

    const onTheme = () => win.setBackgroundColor(background());
    nativeTheme.on('updated', onTheme);
    win.on('closed', () => nativeTheme.off('updated', onTheme));
    win.on('close', (event) => {
      options.bounds.save({ ...win.getNormalBounds(), maximized: win.isMaximized() });
      // Closing hides to the tray; only Quit ends volsnap (and its schedules).
      if (!this.quitting) {
        event.preventDefault();
        win.hide();
      }
    });
    // Pushes held while hidden or minimised go out when the window is seen again.
    const shown = () => this.shownListeners.forEach((listener) => listener());
    win.on('show', shown);
    win.on('restore', shown);
    win.once('ready-to-show', () => {
      if (this.showOnReady) this.reveal(win);
    });
    // The renderer routes by hash, so a first open at a page loads that page directly.
    void win.loadURL(path ? `${this.appUrl}#${path}` : this.appUrl);
    return win;
  }

  /** Starts the page if the window is to be shown at start; a start in the tray creates nothing. */
  load(): Promise<void> {
    if (this.showOnReady && !this.win) this.create();
    return Promise.resolve();
  }

  showWhenReady(show: boolean): void {
    this.showOnReady = show;
  }

  show(): void {
    this.open();
  }

  /** Opens the window at a route, e.g. after a notification or tray click. */
  openAt(path?: string): void {
    this.open(path);
  }

  private open(path?: string): void {
    const existing = this.win;
    if (!existing) {
      // Created now: shown once its page is ready, like at start, without a white flash.
      this.showOnReady = true;
      this.create(path);
      return;
    }
    this.reveal(existing);
    if (path) this.send('app:navigate', { path });
  }

  private reveal(win: BrowserWindow): void {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  /** True while the window exists, is shown and is not minimised: only then does its page need pushes. */
  isVisible(): boolean {
    const win = this.win;
    return !!win && win.isVisible() && !win.isMinimized();
  }

  /** Calls `listener` each time the window is shown or restored. */
  onShown(listener: () => void): void {
    this.shownListeners.push(listener);
  }

  /** Dropped while no window exists: a page loaded later reads the current state itself. */
  send<E extends PushEvent>(event: E, payload: PayloadOf<E>): void {
    this.win?.webContents.send(event, payload);
  }

  /** Only the main frame of this window, showing volsnap's own page, may call main. */
  isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    const win = this.win;
    return (
      !!win && event.sender === win.webContents && !!frame && frame.parent === null && isAppUrl(frame.url, this.appUrl)
    );
  };

  allowClose(): void {
    this.quitting = true;
  }
}
