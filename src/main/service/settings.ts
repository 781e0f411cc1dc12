import type { Handlers } from './handlers';
import type { ServiceContext } from './context';

export function settingsHandlers({ settings, os, bus }: ServiceContext) {
  return {
    'settings:get': () => settings.get(),
    'settings:update': (patch) => {
      const previous = settings.get();
      const next = { ...previous, ...patch };
      // The OS side first: if it refuses (e.g. autostart folder not writable), nothing is saved.
      os.applySettings(next, previous);
      settings.set(next);
      bus.emit('data:changed', { areas: ['settings'] });
      return settings.get();
    },
  } satisfies Partial<Handlers>;
}
