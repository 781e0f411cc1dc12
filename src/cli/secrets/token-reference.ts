/**
 * Where the daemon finds a token. volsnap never keeps a token itself without
 * an OS keyring: an account records a reference, resolved each time the
 * token is needed, in the daemon's own environment and with its own rights:
 *
 *   file:/etc/volsnap/do.token   a file readable only by its owner (mode 0600 or 0400)
 *   env:DO_TOKEN                 an environment variable of the daemon
 *   credential:do                a systemd credential ($CREDENTIALS_DIRECTORY/do, LoadCredential=)
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';

export type TokenReference = `file:${string}` | `env:${string}` | `credential:${string}`;

const namePattern = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const credentialPattern = /^[A-Za-z0-9_.-]{1,128}$/;

const problem = (message: string) => new AppError('secret_storage_unavailable', message);

/** Checks the syntax of a reference; returns it normalized (absolute file path) or throws with what to write. */
export function parseTokenReference(raw: string, cwd = process.cwd()): TokenReference {
  const [kind, ...rest] = raw.split(':');
  const value = rest.join(':');
  if (kind === 'file' && value) return `file:${isAbsolute(value) ? value : resolve(cwd, value)}`;
  if (kind === 'env' && namePattern.test(value)) return `env:${value}`;
  if (kind === 'credential' && credentialPattern.test(value)) return `credential:${value}`;
  throw new AppError(
    'invalid_input',
    `"${raw.slice(0, 200)}" is not a token reference. Use file:/path/to/token, env:VARIABLE or credential:NAME.`,
  );
}

/** Reads a token file, refusing one that its group or others could read. */
export function readOwnerOnlyFile(path: string, what = 'The token file'): string {
  let mode: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw problem(`${what} ${path} is not a regular file.`);
    mode = stat.mode & 0o777;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw problem(
      code === 'EACCES'
        ? `${what} ${path} cannot be read by this user; make the volsnap user its owner (chown) and run chmod 600 on it.`
        : `${what} ${path} does not exist; create it with the API token as its only content and run chmod 600 on it.`,
    );
  }
  if (mode & 0o077) {
    throw problem(
      `${what} ${path} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}); run chmod 600 ${path} and try again.`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw problem(`${what} ${path} cannot be read by this user; make the volsnap user its owner (chown).`);
  }
  const token = text.trim();
  if (!token) throw problem(`${what} ${path} is empty; put the API token in it.`);
  return token;
}

/** Resolves a reference to the token, in this process's environment. Errors say what to fix. */
export function resolveTokenReference(reference: string, env: NodeJS.ProcessEnv = process.env): string {
  const ref = parseTokenReference(reference);
  if (ref.startsWith('file:')) return readOwnerOnlyFile(ref.slice('file:'.length));
  if (ref.startsWith('env:')) {
    const name = ref.slice('env:'.length);
    const value = env[name]?.trim();
    if (!value) throw problem(`The environment variable ${name} that holds the token is not set for volsnap.`);
    return value;
  }
  const name = ref.slice('credential:'.length);
  const dir = env.CREDENTIALS_DIRECTORY;
  if (!dir)
    throw problem(
      `The token is the systemd credential "${name}", but no credentials were passed (CREDENTIALS_DIRECTORY is not set); add LoadCredential=${name}:/path/to/token to the service.`,
    );
  // systemd creates the credential owner-only on a private mount; the same check still applies.
  return readOwnerOnlyFile(join(dir, name), `The credential file for "${name}"`);
}
