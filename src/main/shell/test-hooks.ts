/**
 * A read-and-click handle on the tray for the Playwright `_electron` suite,
 * which cannot click a real system tray. It lives only in the main process
 * (no page, preload or IPC can reach it), changes no security setting, and is
 * installed only when the suite launches volsnap with VOLSNAP_E2E_HOOKS=1.
 */
import type { TrayService } from './tray/tray';

export const e2eHooksKey = Symbol.for('volsnap.e2e');

export interface E2eHooks {
  trayState(): unknown;
  trayItems(): Array<{ id: string; label: string; enabled: boolean; checked: boolean }>;
  clickTrayItem(id: string): void;
  refreshTray(): Promise<void>;
}

export function installE2eHooks(env: NodeJS.ProcessEnv, tray: TrayService): void {
  if (env.VOLSNAP_E2E_HOOKS !== '1') return;
  const hooks: E2eHooks = {
    trayState: () => tray.currentState(),
    trayItems: () =>
      (tray.currentMenu()?.items ?? []).map((item) => ({
        id: item.id,
        label: item.label,
        enabled: item.enabled,
        checked: item.checked,
      })),
    clickTrayItem: (id) => {
      const item = tray.currentMenu()?.getMenuItemById(id);
      if (!item) throw new Error(`No tray menu item with id ${id}`);
      // MenuItem.click flips a checkbox itself, as a real click does.
      item.click();
    },
    refreshTray: () => tray.refresh(),
  };
  (globalThis as Record<symbol, unknown>)[e2eHooksKey] = hooks;
}
