/** Schedules in words, for lists; the rule editor also asks main for exact next runs. */
import cronstrue from 'cronstrue';
import type { Schedule } from '../../shared/domain';

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function describeWeekdays(days: readonly number[]): string {
  const set = [...new Set(days)].sort();
  if (set.length === 7) return 'every day';
  if (set.join() === '1,2,3,4,5') return 'on weekdays';
  if (set.join() === '6,7') return 'on weekends';
  return `on ${set.map((d) => weekdayNames[d - 1]?.slice(0, 3)).join(', ')}`;
}

/** Cron in words, or null when cronstrue cannot read it. */
export function describeCron(expression: string): string | null {
  try {
    return cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return null;
  }
}

export function describeSchedule(s: Schedule): string {
  switch (s.kind) {
    case 'interval':
      return `Every ${s.every} ${s.every === 1 ? s.unit.replace(/s$/, '') : s.unit}`;
    case 'daily':
      return `At ${s.time} ${describeWeekdays(s.weekdays)} (${s.timeZone})`;
    case 'monthly':
      return `At ${s.time} on the ${ordinal(s.day)} of every month (${s.timeZone})`;
    case 'cron':
      return `${describeCron(s.expression) ?? s.expression} (${s.timeZone})`;
  }
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

let zones: string[] | null = null;
export function timeZones(): string[] {
  if (!zones) {
    const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = [...new Set(['UTC', systemTimeZone(), ...supported])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
  }
  return zones;
}
