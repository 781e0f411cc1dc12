/**
 * The shell's small JSON store (electron-store, in userData): user settings,
 * the window's last bounds and the user's consent to weak token storage.
 */
import Store from 'electron-store';
import type { Settings } from '../../../shared/domain';
import { normalizeSettings, type SettingsStore } from '../../ports/settings-store';
import type { Autostart } from './autostart';
import type { InsecureConsent } from './safe-storage-secrets';
import type { SavedBounds } from '../window/window-state';

interface ShellData {
  settings?: unknown;
  window?: SavedBounds;
  insecureStorageAccepted?: boolean;
}

export type ShellStore = Pick<Store<ShellData>, 'get' | 'set' | 'delete'>;

/** `cwd` defaults to userData; tests pass a temporary folder. */
export function openShellStore(cwd?: string): ShellStore {
  // A damaged file is replaced with defaults rather than keeping volsnap from starting.
  return new Store<ShellData>({ name: 'volsnap-shell', clearInvalidConfig: true, ...(cwd ? { cwd } : {}) });
}

export class ElectronSettingsStore implements SettingsStore {
  /** With `autostart`, startAtLogin is read from the OS, not from the file. */
  constructor(
    private readonly store: ShellStore,
    private readonly autostart?: Pick<Autostart, 'isEnabled'>,
  ) {}
  get(): Settings {
    const settings = normalizeSettings(this.store.get('settings'));
    return this.autostart ? { ...settings, startAtLogin: this.autostart.isEnabled() } : settings;
  }
  set(next: Settings): void {
    this.store.set('settings', normalizeSettings(next));
  }
}

export function insecureConsent(store: ShellStore): InsecureConsent {
  return {
    get: () => store.get('insecureStorageAccepted') === true,
    set: (accepted) => store.set('insecureStorageAccepted', accepted),
  };
}

export function windowBoundsStore(store: ShellStore) {
  return { load: () => store.get('window'), save: (bounds: SavedBounds) => store.set('window', bounds) };
}
