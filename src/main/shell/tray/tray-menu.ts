/**
 * The tray's context menu as a pure function of its state (a template plus the
 * actions it may trigger), so tests assert on the template, not on Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayState } from './tray-state';

export interface TrayActions {
  open(path?: string): void;
  snapshotAll(): void;
  pauseOneHour(): void;
  resume(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

export function trayMenu(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [{ id: 'summary', label: state.summary, enabled: false }];
  if (state.attention.length > 0) {
    template.push({ type: 'separator' }, { id: 'attention-header', label: 'Needs attention', enabled: false });
    state.attention.forEach((item, index) => {
      template.push({ id: `attention-${index}`, label: item.label, click: () => actions.open(item.path) });
    });
  }
  template.push(
    { type: 'separator' },
    { id: 'snapshot-all', label: 'Snapshot all now', enabled: state.loaded, click: () => actions.snapshotAll() },
    state.pausedUntil
      ? {
          id: 'resume',
          label: `Resume (paused until ${state.pausedUntil})`,
          enabled: state.loaded,
          click: () => actions.resume(),
        }
      : { id: 'pause', label: 'Pause for 1 hour', enabled: state.loaded, click: () => actions.pauseOneHour() },
    { type: 'separator' },
    { id: 'open', label: 'Open volsnap', click: () => actions.open() },
    {
      id: 'start-at-login',
      label: 'Start at login',
      type: 'checkbox',
      checked: state.startAtLogin,
      // Electron flips `checked` before calling click; read the new value from the item.
      click: (item) => actions.setStartAtLogin(item.checked),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit volsnap', click: () => actions.quit() },
  );
  return template;
}
