/**
 * How the Electron shell makes provider clients: a packaged build ignores the
 * VOLSNAP_<KIND>_API_URL overrides, so no environment variable set by another
 * program can send the user's token to a server of its choosing. Development
 * keeps them (tests, local emulators).
 */
import { createLogger } from '../ports/log';
import { createProviderClient } from '../providers';
import type { ProviderFactory } from '../providers/account-clients';

/** The provider factory for the core; `packaged` is `app.isPackaged`. */
export function shellProviderFactory({ packaged }: { packaged: boolean }): ProviderFactory {
  return (kind, token, options = {}) =>
    createProviderClient(kind, token, {
      log: createLogger(`provider:${kind}`),
      ...options,
      // Last, so no caller's option can switch the environment back on in a packaged build.
      ...(packaged ? { ignoreApiUrlEnvironment: true } : {}),
    });
}
