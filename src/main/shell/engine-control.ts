/**
 * The part of the snapshot engine the shell drives: start, stop, and the two
 * moments when timers cannot be trusted (wake from sleep, clock change).
 * The core's Engine satisfies it; shell tests pass a spy.
 */
export interface EngineControl {
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
  onResume(): void;
  onClockChanged(): void;
}
