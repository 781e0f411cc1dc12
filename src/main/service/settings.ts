import type { Handlers } from './handlers';
import type { ServiceContext } from './context';

/**
 * The keys of a patch that carry a value. Electron's IPC keeps a key whose
 * value is `undefined` (`{ theme: undefined }`), and the contract's optional
 * fields let it through; spread as is, it would erase the saved setting.
 */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function settingsHandlers({ settings, os, bus }: ServiceContext) {
  return {
    'settings:get': () => settings.get(),
    'settings:update': (patch) => {
      const previous = settings.get();
      const next = { ...previous, ...definedOnly(patch) };
      // The OS side first: if it refuses (e.g. autostart folder not writable), nothing is saved.
      os.applySettings(next, previous);
      settings.set(next);
      bus.emit('data:changed', { areas: ['settings'] });
      return settings.get();
    },
  } satisfies Partial<Handlers>;
}
