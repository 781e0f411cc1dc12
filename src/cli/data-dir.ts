/** Where the daemon and the command keep their data: flag, then VOLSNAP_DATA_DIR, then the XDG default. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DB_FILE = 'volsnap.sqlite';
export const SOCKET_FILE = 'volsnap.sock';

/** The data folder for this invocation, as an absolute path. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return resolve(flag);
  if (env.VOLSNAP_DATA_DIR) return resolve(env.VOLSNAP_DATA_DIR);
  const base = env.XDG_DATA_HOME ? resolve(env.XDG_DATA_HOME) : join(env.HOME ?? homedir(), '.local', 'share');
  return join(base, 'volsnap');
}
