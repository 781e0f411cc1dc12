/**
 * Menu, MenuItem, Tray and nativeImage as records: the tray keeps its image,
 * tooltip and menu; a test reads them and clicks an item by label or id.
 * Electron draws these through the OS (StatusNotifier, NSStatusItem, the
 * Windows notification area); the stand-in proves what volsnap asks the OS
 * to show, not how the OS shows it.
 */
import { EventEmitter } from 'node:events';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';

export interface NativeImageRecord {
  path: string;
  isEmpty(): boolean;
  getSize(): { width: number; height: number };
  toDataURL(): string;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Electron returns an empty image for a missing or unreadable file, without an error. */
function readablePng(path: string): { width: number; height: number } | null {
  if (!existsSync(path)) return null;
  const header = Buffer.alloc(24);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 24, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, 8).equals(pngSignature)) return null;
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

export const nativeImage = {
  createFromPath(path: string): NativeImageRecord {
    const size = readablePng(path);
    return {
      path,
      isEmpty: () => size === null,
      getSize: () => size ?? { width: 0, height: 0 },
      toDataURL: () => (size ? `file://${path}` : 'data:image/png;base64,'),
    };
  },
  createEmpty(): NativeImageRecord {
    return nativeImage.createFromPath('');
  },
};

type ClickHandler = (item: StandinMenuItem, window: unknown, event: object) => void;

export interface MenuItemOptions {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  enabled?: boolean;
  visible?: boolean;
  checked?: boolean;
  click?: ClickHandler;
  submenu?: MenuItemOptions[] | StandinMenu;
  role?: string;
  [key: string]: unknown;
}

export class StandinMenuItem {
  id: string;
  label: string;
  type: string;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  submenu: StandinMenu | null;
  private readonly handler: ClickHandler | undefined;

  constructor(options: MenuItemOptions) {
    this.id = options.id ?? '';
    this.label = options.label ?? '';
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.checked = options.checked ?? false;
    this.handler = options.click;
    const sub = options.submenu;
    this.submenu = sub instanceof StandinMenu ? sub : sub ? StandinMenu.buildFromTemplate(sub) : null;
  }

  /** As Electron: a checkbox flips before its click handler runs. */
  click(event: object = {}, window: unknown = null): void {
    if (this.type === 'checkbox') this.checked = !this.checked;
    this.handler?.(this, window, event);
  }
}

export class StandinMenu {
  static applicationMenu: StandinMenu | null = null;

  static buildFromTemplate(template: Array<MenuItemOptions | StandinMenuItem>): StandinMenu {
    const menu = new StandinMenu();
    for (const entry of template) menu.append(entry instanceof StandinMenuItem ? entry : new StandinMenuItem(entry));
    return menu;
  }

  static setApplicationMenu(menu: StandinMenu | null): void {
    StandinMenu.applicationMenu = menu;
  }

  static getApplicationMenu(): StandinMenu | null {
    return StandinMenu.applicationMenu;
  }

  readonly items: StandinMenuItem[] = [];

  append(item: StandinMenuItem): void {
    this.items.push(item);
  }

  getMenuItemById(id: string): StandinMenuItem | null {
    for (const item of this.items) {
      if (item.id === id) return item;
      const inner = item.submenu?.getMenuItemById(id);
      if (inner) return inner;
    }
    return null;
  }

  popup(): void {}
}

const trays = new Set<StandinTray>();

export class StandinTray extends EventEmitter {
  static all(): StandinTray[] {
    return [...trays];
  }

  image: NativeImageRecord;
  /** Every image set, oldest first, for tests (the icon follows the app's state). */
  readonly images: NativeImageRecord[] = [];
  tooltip = '';
  menu: StandinMenu | null = null;
  private destroyed = false;

  constructor(image: NativeImageRecord | string) {
    super();
    this.image = typeof image === 'string' ? nativeImage.createFromPath(image) : image;
    this.images.push(this.image);
    trays.add(this);
  }

  setImage(image: NativeImageRecord | string): void {
    this.image = typeof image === 'string' ? nativeImage.createFromPath(image) : image;
    this.images.push(this.image);
  }

  setToolTip(text: string): void {
    this.tooltip = text;
  }

  setContextMenu(menu: StandinMenu | null): void {
    this.menu = menu;
  }

  setTitle(): void {}

  destroy(): void {
    this.destroyed = true;
    trays.delete(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}
