/**
 * The service's view of the operating system, implemented over Electron:
 * app facts, folders, token storage status, and settings that live in the OS.
 */
import type { App, Shell } from 'electron';
import type { Settings } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { OsIntegration, TestNotificationResult } from '../../ports/os-integration';
import type { Autostart } from './autostart';
import type { SafeStorageSecretStore } from './safe-storage-secrets';

export interface ElectronOsIntegrationDeps {
  app: Pick<App, 'getVersion' | 'getPath'>;
  shell: Pick<Shell, 'openPath'>;
  secrets: Pick<SafeStorageSecretStore, 'status' | 'acceptInsecure'>;
  autostart: Autostart;
  applyTheme(theme: Settings['theme']): void;
  /** Shows the sample notification (shell/notifications/notices.ts). */
  showTestNotification(): TestNotificationResult;
  /** Called after OS-level settings changed (the tray's checkbox follows). */
  onApplied?(): void;
  platform?: NodeJS.Platform;
}

export function createElectronOsIntegration(deps: ElectronOsIntegrationDeps): OsIntegration {
  const open = async (what: string, path: string) => {
    const error = await deps.shell.openPath(path);
    if (error) throw new AppError('internal', `volsnap could not open the ${what} folder (${path}): ${error}`);
  };
  return {
    info: () => ({
      version: deps.app.getVersion(),
      platform: deps.platform ?? process.platform,
      dataDir: deps.app.getPath('userData'),
      logsDir: deps.app.getPath('logs'),
    }),
    secretStorage: () => deps.secrets.status(),
    acceptInsecureStorage: () => deps.secrets.acceptInsecure(),
    openLogsFolder: () => open('logs', deps.app.getPath('logs')),
    openDataFolder: () => open('data', deps.app.getPath('userData')),
    showTestNotification: () => deps.showTestNotification(),
    applySettings: (next, previous) => {
      if (next.startAtLogin !== previous.startAtLogin || next.startAtLogin !== deps.autostart.isEnabled()) {
        try {
          deps.autostart.setEnabled(next.startAtLogin);
        } catch (error) {
          throw new AppError(
            'internal',
            `volsnap could not ${next.startAtLogin ? 'turn on' : 'turn off'} start at login: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        // Read back: the OS (or a policy) may have refused without an error.
        if (deps.autostart.isEnabled() !== next.startAtLogin) {
          throw new AppError(
            'unsupported',
            `The system did not accept the change to start at login. Check your desktop's startup applications settings.`,
          );
        }
      }
      if (next.theme !== previous.theme) deps.applyTheme(next.theme);
      deps.onApplied?.();
    },
  };
}
