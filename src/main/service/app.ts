import type { Handlers } from './handlers';
import type { ServiceContext } from './context';

export function appHandlers({ platform }: ServiceContext) {
  return {
    'app:info': () => ({ ...platform.info(), secretStorage: platform.secretStorage() }),
    'app:acceptInsecureStorage': () => platform.acceptInsecureStorage(),
    'app:openLogsFolder': async () => (await platform.openLogsFolder(), { ok: true as const }),
    'app:openDataFolder': async () => (await platform.openDataFolder(), { ok: true as const }),
  } satisfies Partial<Handlers>;
}
