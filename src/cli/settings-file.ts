/**
 * Settings for the daemon and the command: a JSON file in the data folder,
 * written atomically (temporary file, then rename), read leniently.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../shared/domain';
import { normalizeSettings, type SettingsStore } from '../main/ports/settings-store';

export const SETTINGS_FILE = 'settings.json';

export class FileSettingsStore implements SettingsStore {
  private readonly file: string;
  private cached: Settings | null = null;

  constructor(dataDir: string) {
    this.file = join(dataDir, SETTINGS_FILE);
  }

  get(): Settings {
    if (!this.cached) {
      let stored: unknown = {};
      try {
        if (existsSync(this.file)) stored = JSON.parse(readFileSync(this.file, 'utf8'));
      } catch {
        stored = {}; // a damaged file falls back to defaults, field by field
      }
      this.cached = normalizeSettings(stored);
    }
    return structuredClone(this.cached);
  }

  set(next: Settings): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
    this.cached = structuredClone(next);
  }
}
