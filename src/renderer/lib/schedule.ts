/** Schedules in words, for lists; the rule editor also asks main for exact next runs. */

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

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
