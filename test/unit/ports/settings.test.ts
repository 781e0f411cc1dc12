import { describe, expect, it } from 'vitest';
import { normalizeSettings } from '../../../src/main/ports/settings-store';
import { defaultSettings } from '../../../src/shared/domain';

describe('stored settings', () => {
  it('keeps valid values and replaces broken ones field by field with defaults', () => {
    const normalized = normalizeSettings({
      notifications: 'all',
      theme: 'neon',
      concurrency: { global: -3, perAccount: 1 },
      unknown: true,
    });
    expect(normalized).toEqual({ ...defaultSettings, notifications: 'all' });
  });

  it('falls back to defaults for a file that is not an object', () => {
    expect(normalizeSettings('garbage')).toEqual(defaultSettings);
    expect(normalizeSettings(null)).toEqual(defaultSettings);
  });

  it('keeps custom prices saved before a provider existed and gives the new one its default', () => {
    const normalized = normalizeSettings({
      pricePerGbMonth: { demo: 0, digitalocean: 0.07, scaleway: 0.05, hetzner: 0.02 },
    });
    expect(normalized.pricePerGbMonth).toEqual({
      ...defaultSettings.pricePerGbMonth,
      digitalocean: 0.07,
      scaleway: 0.05,
      hetzner: 0.02,
    });
    expect(normalized.pricePerGbMonth.aws).toBe(defaultSettings.pricePerGbMonth.aws);
  });

  it('keeps the prices a user set when a provider was added since (its price is the default)', () => {
    const { gcp: _gcp, ...older } = { ...defaultSettings.pricePerGbMonth, digitalocean: 0.08 };
    const normalized = normalizeSettings({ pricePerGbMonth: older });
    expect(normalized.pricePerGbMonth).toEqual({ ...defaultSettings.pricePerGbMonth, digitalocean: 0.08 });
  });
});
