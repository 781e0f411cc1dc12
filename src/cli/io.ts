/**
 * What a command gets from the outside world. The bin passes the process's;
 * tests pass their own streams and, at the OS boundary, the provider clients
 * pointed at the local emulators.
 */
import type { CoreOptions } from '../main/core';
import type { SecretStore } from '../main/ports/secret-store';
import type { ProviderFactory } from '../main/providers/account-clients';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Standard input, read to the end (rules import -). */
  readStdin: () => Promise<string>;
  version: string;
  /** Aborted on SIGINT/SIGTERM: waiting commands stop and exit 130. */
  signal: AbortSignal;
  /** Built renderer folder for `daemon --ui` (default: dist/renderer next to the bundle). */
  rendererDir?: string;
  providers?: ProviderFactory;
  secrets?: SecretStore;
  engine?: CoreOptions['engine'];
  /** How long `snap --wait` waits between looks at the snapshot (default 1 s). */
  pollMs?: number;
}
