/**
 * Time is injected, never read ad hoc, so schedules, catch-up and retention can
 * be tested with a fake clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
