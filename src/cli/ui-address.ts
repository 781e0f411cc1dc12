/** The web UI's address and login token, from the daemon's options. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, ExitCode } from './exit-codes';
import { readOwnerOnlyFile } from './secrets/token-reference';

export const DEFAULT_UI = '127.0.0.1:8420';
const MIN_TOKEN = 24;

export interface UiAddress {
  host: string;
  port: number;
  loopback: boolean;
}

/** Parses HOST:PORT, [IPv6]:PORT or PORT (loopback). */
export function parseUiAddress(text: string): UiAddress {
  const match = /^(?:(?:\[([0-9a-fA-F:]+)\]|([^:[\]]+)):)?(\d{1,5})$/.exec(text);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535)
    throw new CliError(`--ui "${text}" is not HOST:PORT; use e.g. 127.0.0.1:8420.`, ExitCode.usage);
  const host = match[1] ?? match[2] ?? '127.0.0.1';
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return { host, port, loopback };
}

/** The login token: --ui-token, else VOLSNAP_UI_TOKEN, else the systemd credential "ui-token", else a fresh one. */
export function uiToken(flag: string | undefined, env: NodeJS.ProcessEnv): { token: string; generated: boolean } {
  const credential = env.CREDENTIALS_DIRECTORY ? join(env.CREDENTIALS_DIRECTORY, 'ui-token') : null;
  const given =
    flag ??
    env.VOLSNAP_UI_TOKEN ??
    (credential && existsSync(credential) ? readOwnerOnlyFile(credential, 'The ui-token credential') : undefined);
  if (given === undefined) return { token: randomBytes(24).toString('base64url'), generated: true };
  if (given.length < MIN_TOKEN || /\s/.test(given))
    throw new CliError(`The web UI token must be at least ${MIN_TOKEN} characters without spaces.`, ExitCode.usage);
  return { token: given, generated: false };
}
