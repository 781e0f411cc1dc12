/**
 * Exact timers through node-schedule: one alarm for the earliest due moment,
 * nothing in between (no polling). Times are on the injected clock; the delay
 * is converted to the process clock, which node-schedule reads, so a test's
 * fake clock and a real one behave the same. After sleep or a wall-clock jump
 * the engine re-arms (onResume / onClockChanged).
 */
import schedule from 'node-schedule';
import type { Clock } from '../ports/clock';

export interface Alarm {
  cancel(): void;
}

export type SetAlarm = (at: Date, fire: () => void) => Alarm;

export function nodeScheduleAlarm(clock: Clock): SetAlarm {
  return (at, fire) => {
    const delay = Math.max(0, at.getTime() - clock.now().getTime());
    const job = schedule.scheduleJob(new Date(Date.now() + delay), fire);
    if (job) return { cancel: () => void job.cancel() };
    // node-schedule refuses a date already past; fire on the next turn instead.
    const timer = setTimeout(fire, 0);
    return { cancel: () => clearTimeout(timer) };
  };
}
