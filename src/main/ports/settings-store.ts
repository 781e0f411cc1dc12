/**
 * Where user settings live. The shell backs this with electron-store; tests and
 * the e2e bridge use the in-memory store. Values are validated on the way in.
 */
import { defaultSettings, Settings } from '../../shared/domain';

export interface SettingsStore {
  get(): Settings;
  set(next: Settings): void;
}

/** Reads stored settings leniently: unknown or broken values fall back to defaults, field by field. */
export function normalizeSettings(stored: unknown): Settings {
  const merged = { ...defaultSettings, ...(typeof stored === 'object' && stored ? stored : {}) } as Record<
    string,
    unknown
  >;
  // Prices saved before a provider was added lack its key: give it the default
  // price instead of dropping every price the user set.
  if (typeof merged.pricePerGbMonth === 'object' && merged.pricePerGbMonth)
    merged.pricePerGbMonth = { ...defaultSettings.pricePerGbMonth, ...merged.pricePerGbMonth };
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(Settings.shape)) {
    const parsed = schema.safeParse(merged[key]);
    out[key] = parsed.success ? parsed.data : defaultSettings[key as keyof Settings];
  }
  return out as Settings;
}
