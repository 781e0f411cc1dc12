import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import type { Autostart } from '../../../src/main/shell/os/autostart';
import { createElectronOsIntegration } from '../../../src/main/shell/os/electron-os-integration';
import { cleanQuit, forwardPushEvents } from '../../../src/main/shell/lifecycle';
import { rotateLogFile } from '../../../src/main/shell/os/log-rotation';
import { ClockJumpDetector, watchPower } from '../../../src/main/shell/os/power';
import { installE2eHooks, e2eHooksKey } from '../../../src/main/shell/test-hooks';
import { PushBus } from '../../../src/main/activity/push-bus';

function platformWith(autostart: Autostart, openPathError = '') {
  const applyTheme = vi.fn();
  const platform = createElectronOsIntegration({
    app: {
      getVersion: () => '1.2.3',
      getPath: (name: string) => `/home/ann/.config/volsnap${name === 'logs' ? '/logs' : ''}`,
    } as never,
    shell: { openPath: vi.fn(async () => openPathError) },
    secrets: {
      status: async () => ({ available: true, secure: true, backend: 'keychain', insecureAccepted: false }),
      acceptInsecure: vi.fn(),
    },
    autostart,
    applyTheme,
    platform: 'linux',
  });
  return { platform, applyTheme };
}

function osAutostart(accepts = true) {
  let on = false;
  return { isEnabled: () => on, setEnabled: vi.fn((value: boolean) => void (accepts && (on = value))) };
}

describe('Electron platform', () => {
  it('reports app facts', () => {
    const { platform } = platformWith(osAutostart());
    expect(platform.info()).toEqual({
      version: '1.2.3',
      platform: 'linux',
      dataDir: '/home/ann/.config/volsnap',
      logsDir: '/home/ann/.config/volsnap/logs',
    });
  });

  it('turns start at login on and off and reads the OS state back', () => {
    const autostart = osAutostart();
    const { platform } = platformWith(autostart);
    platform.applySettings({ ...defaultSettings, startAtLogin: true }, defaultSettings);
    expect(autostart.isEnabled()).toBe(true);
    platform.applySettings(defaultSettings, { ...defaultSettings, startAtLogin: true });
    expect(autostart.isEnabled()).toBe(false);
  });

  it('refuses (so the setting is not saved) when the OS did not take the change', () => {
    const { platform } = platformWith(osAutostart(false));
    expect(() => platform.applySettings({ ...defaultSettings, startAtLogin: true }, defaultSettings)).toThrow(AppError);
  });

  it('applies the theme', () => {
    const { platform, applyTheme } = platformWith(osAutostart());
    platform.applySettings({ ...defaultSettings, theme: 'dark' }, defaultSettings);
    expect(applyTheme).toHaveBeenCalledWith('dark');
  });

  it('a folder that cannot be opened is an error the user can read', async () => {
    const { platform } = platformWith(osAutostart(), 'No application is registered');
    await expect(platform.openLogsFolder()).rejects.toThrow(/could not open the logs folder/);
  });
});

describe('power and clock', () => {
  afterEach(() => vi.useRealTimers());

  it('detects a jump of the wall clock against the monotonic clock', () => {
    let wall = 1_000_000;
    let mono = 0;
    const detector = new ClockJumpDetector(
      () => wall,
      () => mono,
      60_000,
    );
    wall += 30_000;
    mono += 30_000;
    expect(detector.check()).toBeNull();
    wall += 3_600_000 + 30_000;
    mono += 30_000;
    expect(detector.check()).toBe(3_600_000);
  });

  it('wake and clock change reach the engine', () => {
    vi.useFakeTimers();
    const monitor = new EventEmitter();
    const engine = { onResume: vi.fn(), onClockChanged: vi.fn() };
    let wall = 0;
    const detector = new ClockJumpDetector(
      () => wall,
      () => 0,
    );
    const stop = watchPower(monitor as never, engine, detector, 1000);
    monitor.emit('resume');
    expect(engine.onResume).toHaveBeenCalledOnce();
    wall = -7_200_000;
    vi.advanceTimersByTime(1000);
    expect(engine.onClockChanged).toHaveBeenCalledOnce();
    stop();
    monitor.emit('resume');
    expect(engine.onResume).toHaveBeenCalledOnce();
  });
});

describe('lifecycle', () => {
  it('on quit: window may close, engine stops, then cleanup, then the database closes, then Electron quits', async () => {
    const app = new EventEmitter() as EventEmitter & { quit: () => void };
    const order: string[] = [];
    app.quit = () => order.push('quit');
    cleanQuit(app as never, {
      allowWindowClose: () => order.push('allow close'),
      engine: { stop: async () => void order.push('engine stopped') },
      dispose: [() => order.push('tray removed')],
      closeDatabase: () => order.push('database closed'),
    });
    app.emit('before-quit');
    const event = { preventDefault: vi.fn() };
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(order).toContain('quit'));
    expect(order).toEqual(['allow close', 'engine stopped', 'tray removed', 'database closed', 'quit']);
    const second = { preventDefault: vi.fn() };
    app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('forwards every push event from the bus to the window', () => {
    const bus = new PushBus();
    const sent: unknown[] = [];
    forwardPushEvents(bus, (event, payload) => sent.push([event, payload]));
    bus.emit('data:changed', { areas: ['rules'] });
    bus.emit('app:navigate', { path: '/rules' });
    expect(sent).toEqual([
      ['data:changed', { areas: ['rules'] }],
      ['app:navigate', { path: '/rules' }],
    ]);
  });

  it('installs the e2e tray hook only when asked to', () => {
    const tray = { currentState: () => ({}), currentMenu: () => null, refresh: async () => undefined };
    installE2eHooks({}, tray as never);
    expect((globalThis as Record<symbol, unknown>)[e2eHooksKey]).toBeUndefined();
    installE2eHooks({ VOLSNAP_E2E_HOOKS: '1' }, tray as never);
    expect((globalThis as Record<symbol, unknown>)[e2eHooksKey]).toBeDefined();
    delete (globalThis as Record<symbol, unknown>)[e2eHooksKey];
  });
});

describe('log rotation', () => {
  it('keeps three old files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'volsnap-logs-'));
    const file = join(dir, 'main.log');
    for (let i = 1; i <= 5; i++) {
      writeFileSync(file, `run ${i}`);
      rotateLogFile(file, 3);
    }
    expect(existsSync(file)).toBe(false);
    expect([1, 2, 3].map((n) => readFileSync(join(dir, `main.${n}.log`), 'utf8'))).toEqual(['run 5', 'run 4', 'run 3']);
    expect(existsSync(join(dir, 'main.4.log'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
