import { describe, expect, it } from 'vitest';
import { CachedSettingsStore } from '../../../src/main/ports/cached-settings';
import { defaultSettings, type Settings } from '../../../src/shared/domain';
import type { SettingsStore } from '../../../src/main/ports/settings-store';

/** A store that counts reads, like the settings file plus the OS autostart lookup. */
class CountingStore implements SettingsStore {
  reads = 0;
  writes = 0;
  private value: Settings = structuredClone(defaultSettings);
  get(): Settings {
    this.reads += 1;
    return structuredClone(this.value);
  }
  set(next: Settings): void {
    this.writes += 1;
    this.value = { ...structuredClone(next), theme: 'dark' }; // the store normalizes
  }
}

describe('settings kept in memory, written through', () => {
  it('reads the store once, however often the settings are read', () => {
    const inner = new CountingStore();
    const cached = new CachedSettingsStore(inner);
    for (let i = 0; i < 1000; i++) expect(cached.get().concurrency.global).toBe(defaultSettings.concurrency.global);
    expect(inner.reads).toBe(1);
  });

  it('writes through and then serves what the store kept; a caller changing its copy changes nothing', () => {
    const inner = new CountingStore();
    const cached = new CachedSettingsStore(inner);
    cached.set({ ...defaultSettings, concurrency: { global: 9, perAccount: 3 } });
    expect(inner.writes).toBe(1);
    const got = cached.get();
    expect(got).toMatchObject({ concurrency: { global: 9, perAccount: 3 }, theme: 'dark' });
    got.concurrency.global = 1;
    expect(cached.get().concurrency.global).toBe(9);
  });
});
