import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { TrayService, type TrayDeps } from '../../../src/main/shell/tray/tray';
import { trayStateFrom, type TrayState } from '../../../src/main/shell/tray/tray-state';
import { overview, target } from './overview-fixtures';

function fakeTray() {
  const tray = {
    setImage: vi.fn(),
    setToolTip: vi.fn(),
    setContextMenu: vi.fn(),
    destroy: vi.fn(),
    click: () => undefined as unknown,
    on: vi.fn(),
  };
  tray.on.mockImplementation((_event: string, listener: () => void) => (tray.click = listener));
  return tray;
}

const stateWith = (running: number): TrayState =>
  trayStateFrom({
    overview: overview([target(1, 'protected')], { running }),
    rules: [],
    startAtLogin: false,
    now: new Date('2026-03-10T10:00:00Z'),
  });

function service(loadState: TrayDeps['loadState']) {
  const tray = fakeTray();
  const onClick = vi.fn();
  const built: MenuItemConstructorOptions[][] = [];
  const deps: TrayDeps = {
    createTray: () => tray as never,
    icon: (state) => ({ state }) as unknown as NativeImage,
    buildMenu: (template) => (built.push(template), { template } as unknown as Menu),
    loadState,
    actions: {
      open: vi.fn(),
      snapshotAll: vi.fn(),
      pauseOneHour: vi.fn(),
      resume: vi.fn(),
      setStartAtLogin: vi.fn(),
      quit: vi.fn(),
    },
    onClick,
    debounceMs: 100,
  };
  return { tray, built, onClick, service: new TrayService(deps, false) };
}

describe('TrayService', () => {
  afterEach(() => vi.useRealTimers());

  it('renders a starting state, then the core state; identical states are not re-rendered', async () => {
    const { tray, built, service: s } = service(async () => stateWith(0));
    expect(built).toHaveLength(1);
    await s.refresh();
    await s.refresh();
    expect(built).toHaveLength(2);
    expect(tray.setToolTip).toHaveBeenLastCalledWith('volsnap: 1 volume protected');
  });

  it('changes the icon only when the state changes', async () => {
    let running = 0;
    const { tray, service: s } = service(async () => stateWith(running));
    await s.refresh();
    running = 1;
    await s.refresh();
    expect(tray.setImage.mock.calls.map(([image]) => (image as { state: string }).state)).toEqual(['running']);
  });

  it('collapses a burst of change events into one read', async () => {
    vi.useFakeTimers();
    const load = vi.fn(async () => stateWith(0));
    const { service: s } = service(load);
    for (let i = 0; i < 20; i++) s.scheduleRefresh();
    await vi.advanceTimersByTimeAsync(150);
    expect(load).toHaveBeenCalledOnce();
  });

  it('shows a plain message when the core cannot answer (e.g. an unsupported channel)', async () => {
    const { tray, service: s } = service(async () => {
      throw new Error('"engine:pause" is not available');
    });
    await s.refresh();
    expect(tray.setToolTip).toHaveBeenLastCalledWith(
      'volsnap: volsnap could not read its state - open the app for details',
    );
    expect(s.currentState().loaded).toBe(false);
  });

  it('left click is forwarded', () => {
    const { tray, onClick } = service(async () => stateWith(0));
    tray.click();
    expect(onClick).toHaveBeenCalled();
  });
});
