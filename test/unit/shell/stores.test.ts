import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../src/shared/domain';

vi.mock('electron', async () => {
  const fake = await import('../../support/fake-electron');
  return { ...fake.electronModule, default: fake.electronModule };
});

const { ElectronSettingsStore, insecureConsent, openShellStore, windowBoundsStore } =
  await import('../../../src/main/shell/os/shell-store');

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'volsnap-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('shell store (electron-store)', () => {
  it('settings round-trip and are normalised on read', () => {
    const dir = tempDir();
    const settings = new ElectronSettingsStore(openShellStore(dir));
    expect(settings.get()).toEqual(defaultSettings);
    settings.set({ ...defaultSettings, notifications: 'all', theme: 'dark' });
    expect(new ElectronSettingsStore(openShellStore(dir)).get()).toMatchObject({ notifications: 'all', theme: 'dark' });

    const file = join(dir, 'volsnap-shell.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(
      file,
      JSON.stringify({ ...raw, settings: { ...raw.settings, notifications: 'loud', concurrency: { global: -1 } } }),
    );
    expect(new ElectronSettingsStore(openShellStore(dir)).get()).toMatchObject({
      notifications: defaultSettings.notifications,
      concurrency: defaultSettings.concurrency,
      theme: 'dark',
    });
  });

  it('start at login is read from the OS, not the file', () => {
    let enabled = true;
    const settings = new ElectronSettingsStore(openShellStore(tempDir()), { isEnabled: () => enabled });
    expect(settings.get().startAtLogin).toBe(true);
    enabled = false;
    expect(settings.get().startAtLogin).toBe(false);
  });

  it('a damaged file does not keep volsnap from starting', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'volsnap-shell.json'), '{ not json');
    expect(new ElectronSettingsStore(openShellStore(dir)).get()).toEqual(defaultSettings);
  });

  it('keeps window bounds and the insecure-storage consent', () => {
    const store = openShellStore(tempDir());
    const bounds = windowBoundsStore(store);
    bounds.save({ x: 1, y: 2, width: 900, height: 700, maximized: false });
    expect(bounds.load()).toEqual({ x: 1, y: 2, width: 900, height: 700, maximized: false });
    const consent = insecureConsent(store);
    expect(consent.get()).toBe(false);
    consent.set(true);
    expect(consent.get()).toBe(true);
  });
});
