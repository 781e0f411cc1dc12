/**
 * Where the stand-in's `app` keeps things. Electron takes userData from
 * `--user-data-dir=` (a Chromium switch) or from the app name under the OS's
 * config folder; the stand-in honours the switch and otherwise uses a folder
 * under VOLSNAP_STANDIN_HOME (the launcher sets it to a test's temporary
 * folder), so nothing ever lands in the real ~/.config.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface AppPackage {
  name: string;
  productName?: string;
  version: string;
}

/** The app folder: the nearest package.json above the main script, as `electron .` finds it. */
export function findAppPath(mainScript: string | undefined): string {
  let dir = resolve(mainScript ? dirname(mainScript) : process.cwd());
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`The stand-in found no package.json above ${mainScript ?? process.cwd()}`);
    dir = up;
  }
}

export function readAppPackage(appPath: string): AppPackage {
  return JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as AppPackage;
}

function switchValue(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

export function defaultPaths(argv: readonly string[], env: NodeJS.ProcessEnv, appName: string) {
  const home = env.VOLSNAP_STANDIN_HOME ?? join(tmpdir(), 'volsnap-standin');
  const appData = join(home, 'appData');
  const userData = switchValue(argv, 'user-data-dir') ?? join(appData, appName);
  return {
    home,
    appData,
    userData,
    sessionData: userData,
    // Electron on Linux keeps logs in userData/logs.
    logs: join(userData, 'logs'),
    temp: tmpdir(),
    crashDumps: join(userData, 'Crashpad'),
    desktop: join(home, 'Desktop'),
    documents: join(home, 'Documents'),
    downloads: join(home, 'Downloads'),
  } satisfies Record<string, string>;
}

export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
