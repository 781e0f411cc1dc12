/**
 * Electron's main-process events carry an event object whose preventDefault()
 * the emitter reads back (will-quit, close, will-navigate...). This is that
 * object, and an emitter helper that returns whether a listener prevented it.
 */
import type { EventEmitter } from 'node:events';

export interface PreventableEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function preventable(extra: Record<string, unknown> = {}): PreventableEvent {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    },
    extra,
  );
}

/** Emits `name` with a fresh preventable event first; true when a listener called preventDefault(). */
export function emitPreventable(emitter: EventEmitter, name: string, ...args: unknown[]): boolean {
  const event = preventable();
  emitter.emit(name, event, ...args);
  return event.defaultPrevented;
}
