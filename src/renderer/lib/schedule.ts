/** Schedules in words, for lists; the rule editor also asks main for exact next runs. */
import cronstrue from 'cronstrue';

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Cron in words, or null when cronstrue cannot read it. */
export function describeCron(expression: string): string | null {
  try {
    return cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return null;
  }
}

/** The same words main uses in previews and activity messages. */
export { describeSchedule } from '../../shared/schedule-words';

import { systemTimeZone } from '../../shared/time-zone';

export { systemTimeZone };

let zones: string[] | null = null;
export function timeZones(): string[] {
  if (!zones) {
    const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = [...new Set(['UTC', systemTimeZone(), ...supported])].sort((a, b) =>
      a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b),
    );
  }
  return zones;
}
