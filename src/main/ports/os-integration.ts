/**
 * What the service needs from the operating system, implemented by the shell
 * over Electron and by a plain object in tests and the e2e bridge.
 */
import type { AppInfo, SecretStorageStatus } from '../../shared/contract';
import type { Settings } from '../../shared/domain';

export interface OsIntegration {
  info(): Omit<AppInfo, 'secretStorage'>;
  secretStorage(): Promise<SecretStorageStatus>;
  /** Records the user's informed consent to store tokens without a keyring. */
  acceptInsecureStorage(): Promise<SecretStorageStatus>;
  openLogsFolder(): Promise<void>;
  openDataFolder(): Promise<void>;
  /** Applies settings that live in the OS (start at login, theme). */
  applySettings(next: Settings, previous: Settings): void;
}
