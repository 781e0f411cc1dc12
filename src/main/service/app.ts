import type { Handlers } from './handlers';
import type { ServiceContext } from './context';

export function appHandlers({ os }: ServiceContext) {
  return {
    'app:info': async () => ({ ...os.info(), secretStorage: await os.secretStorage() }),
    'app:acceptInsecureStorage': () => os.acceptInsecureStorage(),
    'app:openLogsFolder': async () => (await os.openLogsFolder(), { ok: true as const }),
    'app:openDataFolder': async () => (await os.openDataFolder(), { ok: true as const }),
  } satisfies Partial<Handlers>;
}
