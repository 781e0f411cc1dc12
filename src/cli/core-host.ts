/**
 * Builds the same core the desktop app runs (createCore), with the server's
 * adapters: token references instead of a keyring, a settings file, no
 * desktop, and the demo cloud's state kept in the data folder.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../main/core';
import { createLogger } from '../main/ports/log';
import { createProviderClient } from '../main/providers';
import type { SecretStore } from '../main/ports/secret-store';
import type { ProviderFactory } from '../main/providers/account-clients';
import { DB_FILE } from './data-dir';
import { serverOsIntegration } from './os-integration';
import { ReferenceSecretStore } from './secrets/reference-store';
import { FileSettingsStore } from './settings-file';

export interface HostOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Default: the real provider clients (their API URLs can be set with VOLSNAP_<KIND>_API_URL). */
  providers?: ProviderFactory;
  /** Default: token references (ReferenceSecretStore). */
  secrets?: SecretStore;
  engine?: CoreOptions['engine'];
}

export interface Host {
  core: Core;
  /** Present when the host uses token references (always, outside tests). */
  references: ReferenceSecretStore | null;
}

/** Opens the database in `dataDir` and builds the core over it; the engine is not started. */
export function openHost(options: HostOptions): Host {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const references = options.secrets ? null : new ReferenceSecretStore(options.dataDir, options.env);
  const providers: ProviderFactory =
    options.providers ??
    ((kind, token, providerOptions = {}) =>
      createProviderClient(kind, token, { log: createLogger(`provider:${kind}`), ...providerOptions }));
  const core = createCore({
    dbFile: join(options.dataDir, DB_FILE),
    secrets: options.secrets ?? references!,
    settings: new FileSettingsStore(options.dataDir),
    os: serverOsIntegration(options.dataDir, options.version),
    providers,
    // Each demo account is its own simulated cloud, kept across restarts so reconciliation works.
    providerOptions: (account) =>
      account.provider === 'demo' ? { demoStatePath: join(options.dataDir, `demo-cloud-${account.id}.json`) } : {},
    ...(options.engine ? { engine: options.engine } : {}),
  });
  return { core, references };
}
