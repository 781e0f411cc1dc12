/**
 * Which icon file the tray uses per state and OS: colour PNGs sized for Linux
 * panels (32 px) and Windows (16 px plus @2x), template images on macOS so the
 * menu bar tints them for light and dark mode.
 */
import { join } from 'node:path';
import type { TrayIconState } from './tray-state';

export function trayIconFile(dir: string, state: TrayIconState, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return join(dir, 'mac', `${state}Template.png`);
  if (platform === 'win32') return join(dir, 'win', `${state}.png`);
  return join(dir, 'linux', `${state}.png`);
}

/** resources/ in a checkout; extraResources next to app.asar when packaged. */
export function resourcesDir(options: { packaged: boolean; resourcesPath: string; appPath: string }): string {
  return options.packaged ? options.resourcesPath : join(options.appPath, 'resources');
}
