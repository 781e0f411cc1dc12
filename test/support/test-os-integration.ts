/**
 * The OS side of the service (OsIntegration) for tests, the e2e bridge and the
 * benchmarks: paths in a folder of the caller's, no folders opened, no OS
 * settings touched, and a key store whose security the caller chooses.
 */
import { join } from 'node:path';
import type { SecretStorageStatus } from '../../src/shared/contract';
import type { OsIntegration } from '../../src/main/ports/os-integration';

export function testOsIntegration(
  dataDir: string,
  options: { version?: string; storage?: Partial<Omit<SecretStorageStatus, 'insecureAccepted'>> } = {},
): OsIntegration {
  const storage: SecretStorageStatus = {
    available: true,
    secure: true,
    backend: 'test (in memory)',
    ...options.storage,
    insecureAccepted: false,
  };
  return {
    info: () => ({
      version: options.version ?? 'test',
      platform: process.platform,
      dataDir,
      logsDir: join(dataDir, 'logs'),
    }),
    secretStorage: async () => ({ ...storage }),
    acceptInsecureStorage: async () => ((storage.insecureAccepted = true), { ...storage }),
    openLogsFolder: async () => undefined,
    openDataFolder: async () => undefined,
    applySettings: () => undefined,
  };
}
