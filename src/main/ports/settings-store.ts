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
  // A provider added since the file was written has no price in it yet: take the default
  // for that one instead of throwing away every price the user set.
  const prices = merged.pricePerGbMonth;
  if (prices && typeof prices === 'object') merged.pricePerGbMonth = { ...defaultSettings.pricePerGbMonth, ...prices };
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(Settings.shape)) {
    const parsed = schema.safeParse(merged[key]);
    out[key] = parsed.success ? parsed.data : defaultSettings[key as keyof Settings];
  }
  return out as Settings;
}
