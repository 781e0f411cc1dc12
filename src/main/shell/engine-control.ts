/**
 * The part of the snapshot engine the shell drives: start, stop, and the two
 * moments when timers cannot be trusted (wake from sleep, clock change). Every
 * method is optional so the shell works with a core that has no engine yet.
 */
export interface EngineControl {
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
  onResume?(): void;
  onClockChanged?(): void;
}

/** Finds the engine on what createCore returned: `core.engine`, or the core itself. */
export function engineOf(core: object): EngineControl {
  const candidate = (core as { engine?: unknown }).engine;
  const source = (typeof candidate === 'object' && candidate !== null ? candidate : core) as Record<string, unknown>;
  const bind = (name: keyof EngineControl) => (typeof source[name] === 'function' ? (source[name] as () => void).bind(source) : undefined);
  return { start: bind('start'), stop: bind('stop'), onResume: bind('onResume'), onClockChanged: bind('onClockChanged') };
}
