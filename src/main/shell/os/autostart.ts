/**
 * Start at login. macOS and Windows use Electron's login items; Linux gets an
 * XDG autostart entry. Either way the OS is the source of truth: `isEnabled()`
 * reads the real state back, so the toggle never shows a wish as a fact.
 */
import type { App } from 'electron';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Passed when the OS starts volsnap at login: it then starts in the tray. */
export const hiddenFlag = '--hidden';

export interface Autostart {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export function xdgAutostartDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart');
}

/** Quotes one Exec argument per the Desktop Entry spec (and escapes the key file's backslashes). */
function execArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%');
  if (!/[\s"'\\$`<>~|&;*?#()]/.test(escaped)) return escaped;
  return `"${escaped.replace(/(["`$\\])/g, '\\$1').replace(/\\/g, '\\\\')}"`;
}

/**
 * The AppImage file when running from one (its mount point changes every start),
 * else the executable; in a checkout the app folder follows the Electron binary.
 */
export function autostartCommand(env: NodeJS.ProcessEnv, execPath: string, appPath?: string): string[] {
  if (env.APPIMAGE) return [env.APPIMAGE, hiddenFlag];
  return appPath ? [execPath, appPath, hiddenFlag] : [execPath, hiddenFlag];
}

export function desktopEntry(command: string[], name = 'volsnap'): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${name}`,
    'Comment=Scheduled snapshots of your cloud volumes',
    `Exec=${command.map(execArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export class XdgAutostart implements Autostart {
  readonly file: string;
  constructor(
    private readonly dir: string,
    private readonly command: string[],
    fileName = 'volsnap.desktop',
  ) {
    this.file = join(dir, fileName);
  }

  isEnabled(): boolean {
    if (!existsSync(this.file)) return false;
    const text = readFileSync(this.file, 'utf8');
    return !/^Hidden\s*=\s*true\s*$/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text);
  }

  setEnabled(enabled: boolean): void {
    if (!enabled) return rmSync(this.file, { force: true });
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.file, desktopEntry(this.command), { mode: 0o644 });
  }
}

type LoginItemApp = Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings'>;

export class LoginItemAutostart implements Autostart {
  constructor(
    private readonly app: LoginItemApp,
    private readonly platform: NodeJS.Platform = process.platform,
    /** The app folder when running from a checkout (Windows passes it to electron.exe). */
    private readonly appPath?: string,
  ) {}

  // Windows matches the registry entry by path and args, so reading needs the same args.
  private get args(): string[] {
    return this.platform === 'win32' ? [...(this.appPath ? [this.appPath] : []), hiddenFlag] : [];
  }

  isEnabled(): boolean {
    return this.app.getLoginItemSettings(this.args.length ? { args: this.args } : undefined).openAtLogin;
  }

  setEnabled(enabled: boolean): void {
    // macOS reports a login launch through wasOpenedAtLogin (openAsHidden is gone), Windows through --hidden.
    this.app.setLoginItemSettings({ openAtLogin: enabled, args: this.args });
  }
}

/** True when this start should stay in the tray: launched at login, or the user asked for it. */
export function shouldStartHidden(
  argv: readonly string[],
  startHiddenSetting: boolean,
  openedAtLogin = false,
): boolean {
  return startHiddenSetting || openedAtLogin || argv.includes(hiddenFlag);
}

export interface AutostartFor {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** Set when running from a checkout (`electron .`), where the app folder is an argument. */
  appPath?: string;
}

export function autostartFor({ platform, app, env, execPath, appPath }: AutostartFor): Autostart {
  if (platform === 'darwin' || platform === 'win32') return new LoginItemAutostart(app, platform, appPath);
  return new XdgAutostart(xdgAutostartDir(env), autostartCommand(env, execPath, appPath));
}
