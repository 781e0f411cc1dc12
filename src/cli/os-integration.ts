/**
 * The service's view of the OS when volsnap runs without a desktop: no
 * folders to open, no start-at-login, tokens referenced (never stored).
 */
import { AppError } from '../shared/errors';
import type { OsIntegration } from '../main/ports/os-integration';

export const SERVER_SECRET_BACKEND = 'token files, environment, systemd credentials';

export function serverOsIntegration(dataDir: string, version: string): OsIntegration {
  const storage = { available: true, secure: true, backend: SERVER_SECRET_BACKEND, insecureAccepted: false };
  const noDesktop = (what: string) => async () => {
    throw new AppError('unsupported', `volsnap on a server cannot open ${what}; it is ${dataDir} on the server.`);
  };
  return {
    info: () => ({ version, platform: process.platform, dataDir, logsDir: 'standard output (journald)' }),
    secretStorage: async () => ({ ...storage }),
    acceptInsecureStorage: async () => ({ ...storage }),
    openLogsFolder: noDesktop('the logs folder (logs go to standard output)'),
    openDataFolder: noDesktop('the data folder'),
    // Start at login and the theme belong to the desktop; the daemon keeps them as plain settings.
    applySettings: () => undefined,
  };
}
