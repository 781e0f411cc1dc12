/**
 * When an interval schedule runs at fixed local times of day (see `clockAligned` in the
 * Schedule contract). Shared so the engine's slots and the words for them agree.
 */
import type { Schedule } from './domain';

const MINUTES_PER_DAY = 24 * 60;

/** The interval's step in minutes. */
export function intervalMinutes(s: Extract<Schedule, { kind: 'interval' }>): number {
  return s.every * (s.unit === 'hours' ? 60 : 1);
}

/**
 * Whether an interval runs at the same local times every day: asked for, at most hourly
 * (shorter steps keep their minute of the hour across whole-hour DST shifts anyway), and a
 * whole number of runs per day.
 */
export function isClockAligned(s: Schedule): boolean {
  if (s.kind !== 'interval' || s.clockAligned !== true) return false;
  const step = intervalMinutes(s);
  return step >= 60 && MINUTES_PER_DAY % step === 0;
}
