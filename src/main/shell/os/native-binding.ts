/**
 * Where the Electron-ABI build of better-sqlite3's addon lives. It is made by
 * scripts/electron-native.mjs (npm start / npm run dist), never by rebuilding
 * node_modules, so the Node-ABI addon there keeps working for the tests.
 */
import { join } from 'node:path';

export const bindingFileName = 'better_sqlite3.node';

export interface BindingLocation {
  packaged: boolean;
  resourcesPath: string;
  appPath: string;
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
  /** Path chosen by scripts/start.mjs or dev.mjs; ignored when packaged. */
  devOverride?: string | undefined;
}

export function electronBindingPath(where: BindingLocation): string {
  // Packaged: copied into the app under native/ and unpacked from the asar (electron-builder.yml).
  if (where.packaged) return join(where.resourcesPath, 'app.asar.unpacked', 'native', bindingFileName);
  if (where.devOverride) return where.devOverride;
  return join(
    where.appPath,
    'build',
    'native',
    `electron-${where.electronVersion}-${where.platform}-${where.arch}`,
    bindingFileName,
  );
}

/** Fails with a sentence that says what to do, instead of better-sqlite3's ABI stack trace. */
export function checkBinding(path: string, packaged: boolean, exists: (path: string) => boolean): string {
  if (exists(path)) return path;
  throw new Error(
    packaged
      ? `This copy of volsnap is incomplete: its SQLite module is missing (${path}). Reinstall volsnap.`
      : `The SQLite module built for Electron is missing (${path}). Start volsnap with "npm start", which builds it.`,
  );
}
