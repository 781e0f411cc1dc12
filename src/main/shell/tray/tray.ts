/**
 * The tray icon and its menu, re-rendered from the core's state whenever data
 * changes (debounced, and skipped when nothing visible changed). Electron's
 * Tray is injected so tests drive this without a desktop.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { createLogger } from '../../ports/log';
import { trayMenu, type TrayActions } from './tray-menu';
import { unavailableTrayState, type TrayIconState, type TrayState } from './tray-state';

const log = createLogger('tray');

export interface TrayDeps {
  createTray(icon: NativeImage): Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  icon(state: TrayIconState): NativeImage;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  /** Reads the core's state; may reject while the core is busy or failing. */
  loadState(): Promise<TrayState>;
  actions: TrayActions;
  /** Left click: open the window where the platform delivers clicks (not macOS, where click opens the menu). */
  onClick(): void;
  debounceMs?: number;
}

export class TrayService {
  private readonly tray: ReturnType<TrayDeps['createTray']>;
  private lastKey = '';
  private lastIcon: TrayIconState | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private menu: Menu | null = null;
  private state: TrayState;

  constructor(
    private readonly deps: TrayDeps,
    startAtLogin: boolean,
  ) {
    this.state = unavailableTrayState(startAtLogin);
    this.tray = deps.createTray(deps.icon(this.state.icon));
    this.lastIcon = this.state.icon;
    this.tray.on('click', () => deps.onClick());
    this.render(this.state);
  }

  /** The menu currently attached, for the end-to-end suite's tray hook. */
  currentMenu(): Menu | null {
    return this.menu;
  }

  currentState(): TrayState {
    return this.state;
  }

  /** Asks for a refresh soon; bursts of events collapse into one. */
  scheduleRefresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, this.deps.debounceMs ?? 250);
  }

  async refresh(): Promise<void> {
    try {
      this.render(await this.deps.loadState());
    } catch (error) {
      log.warn('Could not read the state for the tray', error);
      this.render(
        unavailableTrayState(this.state.startAtLogin, 'volsnap could not read its state - open the app for details'),
      );
    }
  }

  render(state: TrayState): void {
    this.state = state;
    // Menus are rebuilt only when something visible changed; Linux panels flicker otherwise.
    const key = JSON.stringify(state);
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (state.icon !== this.lastIcon) {
      this.tray.setImage(this.deps.icon(state.icon));
      this.lastIcon = state.icon;
    }
    this.tray.setToolTip(state.tooltip);
    this.menu = this.deps.buildMenu(trayMenu(state, this.deps.actions));
    this.tray.setContextMenu(this.menu);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.tray.destroy();
  }
}
