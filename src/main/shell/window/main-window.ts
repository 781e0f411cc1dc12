/**
 * The main window: created hidden, shown when ready (unless starting in the
 * tray), hidden instead of closed, bounds remembered, background following the
 * OS or the chosen theme so it never flashes white in dark mode.
 */
import { BrowserWindow, nativeTheme, screen, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import type { PayloadOf, PushEvent } from '../../../shared/contract';
import type { Settings } from '../../../shared/domain';
import { hardenSession, hardenWebContents, isAppUrl, secureWebPreferences } from './window-security';
import { minimumSize, restoreBounds, type SavedBounds } from './window-state';

export interface MainWindowOptions {
  preload: string;
  /** The built renderer's index.html, used unless a dev server URL is given. */
  indexHtml: string;
  devServerUrl?: string;
  bounds: { load(): unknown; save(bounds: SavedBounds): void };
  openExternal(url: string): Promise<void>;
  icon?: string;
}

const background = () => (nativeTheme.shouldUseDarkColors ? '#16181d' : '#f6f7f9');

export function applyTheme(theme: Settings['theme']): void {
  nativeTheme.themeSource = theme;
}

export class MainWindow {
  readonly win: BrowserWindow;
  readonly appUrl: string;
  private quitting = false;

  constructor(options: MainWindowOptions) {
    this.appUrl = options.devServerUrl ?? pathToFileURL(options.indexHtml).href;
    const restored = restoreBounds(
      options.bounds.load(),
      screen.getAllDisplays().map((d) => d.workArea),
    );
    this.win = new BrowserWindow({
      ...restored.bounds,
      minWidth: minimumSize.width,
      minHeight: minimumSize.height,
      show: false,
      title: 'volsnap',
      backgroundColor: background(),
      ...(options.icon ? { icon: options.icon } : {}),
      webPreferences: secureWebPreferences(options.preload),
    });
    if (restored.maximized) this.win.maximize();
    hardenSession(this.win.webContents.session, options.devServerUrl);
    hardenWebContents(this.win.webContents, { appUrl: () => this.appUrl, openExternal: options.openExternal });

    const onTheme = () => this.win.setBackgroundColor(background());
    nativeTheme.on('updated', onTheme);
    this.win.on('closed', () => nativeTheme.off('updated', onTheme));
    this.win.on('close', (event) => {
      options.bounds.save({ ...this.win.getNormalBounds(), maximized: this.win.isMaximized() });
      // Closing hides to the tray; only Quit ends volsnap (and its schedules).
      if (!this.quitting) {
        event.preventDefault();
        this.win.hide();
      }
    });
  }

  load(): Promise<void> {
    return this.win.loadURL(this.appUrl);
  }

  showWhenReady(show: boolean): void {
    if (show) this.win.once('ready-to-show', () => this.show());
  }

  show(): void {
    if (this.win.isDestroyed()) return;
    if (this.win.isMinimized()) this.win.restore();
    this.win.show();
    this.win.focus();
  }

  /** Opens the window at a route, e.g. after a notification or tray click. */
  openAt(path?: string): void {
    this.show();
    if (path) this.send('app:navigate', { path });
  }

  send<E extends PushEvent>(event: E, payload: PayloadOf<E>): void {
    if (!this.win.isDestroyed()) this.win.webContents.send(event, payload);
  }

  /** Only the main frame of this window, showing volsnap's own page, may call main. */
  isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return (
      !this.win.isDestroyed() &&
      event.sender === this.win.webContents &&
      !!frame &&
      frame.parent === null &&
      isAppUrl(frame.url, this.appUrl)
    );
  };

  allowClose(): void {
    this.quitting = true;
  }
}
