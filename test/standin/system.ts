/**
 * nativeTheme, powerMonitor, screen, shell and dialog as records a test can
 * read and drive: emit 'resume' on powerMonitor, see which URLs and folders
 * the app asked the OS to open, which error boxes it showed.
 */
import { EventEmitter } from 'node:events';

class StandinNativeTheme extends EventEmitter {
  private source: 'system' | 'light' | 'dark' = 'system';
  /** What the "OS" prefers; a test may flip it and emit 'updated'. */
  systemDark = false;
  readonly sources: string[] = [];

  get themeSource(): 'system' | 'light' | 'dark' {
    return this.source;
  }

  set themeSource(value: 'system' | 'light' | 'dark') {
    this.source = value;
    this.sources.push(value);
    this.emit('updated');
  }

  get shouldUseDarkColors(): boolean {
    return this.source === 'dark' || (this.source === 'system' && this.systemDark);
  }

  get shouldUseHighContrastColors(): boolean {
    return false;
  }
}

class StandinPowerMonitor extends EventEmitter {
  onBattery = false;

  getSystemIdleState(): string {
    return 'active';
  }

  getSystemIdleTime(): number {
    return 0;
  }

  isOnBatteryPower(): boolean {
    return this.onBattery;
  }
}

const display = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1050 },
  size: { width: 1920, height: 1080 },
  workAreaSize: { width: 1920, height: 1050 },
  scaleFactor: 1,
  rotation: 0,
  internal: false,
};

export const screen = Object.assign(new EventEmitter(), {
  getAllDisplays: () => [structuredClone(display)],
  getPrimaryDisplay: () => structuredClone(display),
  getDisplayMatching: () => structuredClone(display),
  getDisplayNearestPoint: () => structuredClone(display),
  getCursorScreenPoint: () => ({ x: 0, y: 0 }),
});

export const shell = {
  /** URLs the app sent to the user's browser. */
  externalUrls: [] as string[],
  /** Folders and files the app asked the OS to open. */
  openedPaths: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.externalUrls.push(url);
  },
  /** Electron resolves with an error message, or '' on success. */
  async openPath(path: string): Promise<string> {
    shell.openedPaths.push(path);
    return '';
  },
  showItemInFolder(path: string): void {
    shell.openedPaths.push(path);
  },
  beep(): void {},
};

export const dialog = {
  errorBoxes: [] as Array<{ title: string; content: string }>,
  messageBoxes: [] as unknown[],
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push({ title, content });
    // Electron shows a modal box; here it must at least reach the test's log.
    console.error(`[standin] error box: ${title}: ${content}`);
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    dialog.messageBoxes.push(args);
    return { response: 0, checkboxChecked: false };
  },
  async showOpenDialog(): Promise<{ canceled: boolean; filePaths: string[] }> {
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog(): Promise<{ canceled: boolean; filePath: string }> {
    return { canceled: true, filePath: '' };
  },
};

export const nativeTheme = new StandinNativeTheme();
export const powerMonitor = new StandinPowerMonitor();
