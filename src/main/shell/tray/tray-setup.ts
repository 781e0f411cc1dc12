/**
 * Builds the tray over Electron and connects it to the core: state from
 * `tray:state` (the tray's read model), actions through the dispatcher, refresh on
 * every data change and once a minute (times in the menu are relative to now).
 */
import { Menu, Tray, nativeImage } from 'electron';
import type { Clock } from '../../ports/clock';
import type { PushBus } from '../../activity/push-bus';
import type { Autostart } from '../os/autostart';
import type { Call } from '../core-calls';
import { trayIconFile } from './tray-icons';
import type { TrayActions } from './tray-menu';
import { TrayService } from './tray';
import { trayStateFromFacts } from './tray-state';

export interface TraySetup {
  call: Call;
  bus: PushBus;
  clock: Clock;
  autostart: Autostart;
  iconsDir: string;
  actions: Omit<TrayActions, 'snapshotAll' | 'pauseOneHour' | 'resume' | 'setStartAtLogin'>;
  /** Shows a failed tray action to the user (as a notification). */
  report(title: string, error: unknown): void;
}

export function setupTray({ call, bus, clock, autostart, iconsDir, actions, report }: TraySetup): TrayService {
  const attempt = (title: string, action: () => Promise<unknown>) => () =>
    void action()
      .catch((error: unknown) => report(title, error))
      .finally(() => tray.scheduleRefresh());
  const tray: TrayService = new TrayService(
    {
      createTray: (icon) => new Tray(icon),
      icon: (state) => nativeImage.createFromPath(trayIconFile(iconsDir, state)),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      // The tray's own read model: no Overview row per target, no rule parsed, between data changes no query.
      loadState: async () =>
        trayStateFromFacts({
          facts: await call('tray:state', undefined),
          startAtLogin: autostart.isEnabled(),
          now: clock.now(),
        }),
      onClick: () => {
        if (process.platform !== 'darwin') actions.open();
      },
      actions: {
        ...actions,
        snapshotAll: attempt('Could not start the snapshots', () => call('rules:runAll', undefined)),
        pauseOneHour: attempt('Could not pause volsnap', () =>
          call('engine:pause', { until: new Date(clock.now().getTime() + 3_600_000).toISOString() }),
        ),
        resume: attempt('Could not resume volsnap', () => call('engine:resume', undefined)),
        setStartAtLogin: (enabled) =>
          attempt('Could not change start at login', () => call('settings:update', { startAtLogin: enabled }))(),
      },
    },
    autostart.isEnabled(),
  );
  bus.on('data:changed', () => tray.scheduleRefresh());
  bus.on('activity:added', () => tray.scheduleRefresh());
  setInterval(() => tray.scheduleRefresh(), 60_000).unref();
  void tray.refresh();
  return tray;
}
