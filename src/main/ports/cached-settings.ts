/**
 * Settings kept in memory and written through: the run queue reads the
 * concurrency limits on every pump, and a disk read (plus the OS autostart
 * lookup) each time is too slow at fleet size. Every change made through
 * volsnap goes through `set`, so the copy is never stale for volsnap's own
 * writes; the stored form (normalized by the store) is read back once.
 */
import type { Settings } from '../../shared/domain';
import type { SettingsStore } from './settings-store';

export class CachedSettingsStore implements SettingsStore {
  private cached: Settings | null = null;

  constructor(private readonly inner: SettingsStore) {}

  get(): Settings {
    this.cached ??= this.inner.get();
    // A copy: callers may change what they get without changing the settings.
    return structuredClone(this.cached);
  }

  set(next: Settings): void {
    this.inner.set(next);
    this.cached = this.inner.get();
  }
}
