/** In-memory secret and settings stores for tests, the e2e bridge and the benchmarks; nothing touches the disk. */
import type { Settings } from '../../src/shared/domain';
import { defaultSettings } from '../../src/shared/domain';
import type { SecretStore } from '../../src/main/ports/secret-store';
import type { SettingsStore } from '../../src/main/ports/settings-store';

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

export class MemorySettingsStore implements SettingsStore {
  private value: Settings;
  constructor(initial: Partial<Settings> = {}) {
    this.value = { ...defaultSettings, ...initial };
  }
  get(): Settings {
    return structuredClone(this.value);
  }
  set(next: Settings): void {
    this.value = structuredClone(next);
  }
}
