/**
 * Wall-clock arithmetic in IANA zones. Schedules are written in local time
 * ("every day at 02:30 in Berlin"); these helpers turn a local wall time into
 * the instant(s) it denotes, including the two DST edge cases:
 * - a wall time skipped by spring-forward maps to the instant the clock jumps
 *   (the first valid instant after it);
 * - a wall time repeated by fall-back maps to both instants, earliest first,
 *   so callers that must run once take the first.
 */
import { IANAZone } from 'luxon';
import { AppError } from '../../shared/errors';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A local calendar time; month 1-12, as in everyday speech. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Zones already found valid: luxon's check builds an Intl.DateTimeFormat each time (~0.5 ms), and every next-run computation asks. */
const knownZones = new Set<string>();

export function isValidZone(name: string): boolean {
  if (knownZones.has(name)) return true;
  const valid = IANAZone.isValidZone(name);
  if (valid) knownZones.add(name);
  return valid;
}

/** Returns the zone or throws an AppError naming the field, for the UI to show next to it. */
export function zoneOf(name: string, path = 'schedule.timeZone'): IANAZone {
  if (!isValidZone(name)) {
    throw new AppError(
      'invalid_input',
      `"${name}" is not a time zone volsnap knows. Use an IANA name such as Europe/Berlin or America/New_York.`,
      {
        fields: [{ path, message: 'Unknown time zone' }],
      },
    );
  }
  return IANAZone.create(name);
}

/** The wall time as if it were UTC: a number we can compare and step through. */
const wallMs = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** Local wall time of an instant in a zone. */
export function wallTimeOf(instant: number, zone: IANAZone): WallTime & { weekday: number } {
  const local = new Date(instant + zone.offset(instant) * MINUTE);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: ((local.getUTCDay() + 6) % 7) + 1,
  };
}

/**
 * Every instant whose local time in `zone` is `wall`, earliest first.
 * Empty when the wall time falls in a spring-forward gap.
 */
export function instantsOf(wall: WallTime, zone: IANAZone): number[] {
  const w = wallMs(wall);
  // Offsets in force a day either side; real zones change at most once in that span.
  const offsets = new Set([zone.offset(w - DAY), zone.offset(w), zone.offset(w + DAY)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = w - offset * MINUTE;
    if (zone.offset(candidate) === offset) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

/** The first instant whose local wall time is at or after `wall`: the clock-jump instant in a gap. */
export function firstInstantAtOrAfter(wall: WallTime, zone: IANAZone): number {
  const exact = instantsOf(wall, zone);
  if (exact.length) return exact[0]!;
  const w = wallMs(wall);
  // Binary search between the two offsets' readings of the wall time, to the minute.
  const offsets = [zone.offset(w - DAY), zone.offset(w + DAY)];
  let lo = w - Math.max(...offsets) * MINUTE;
  let hi = w - Math.min(...offsets) * MINUTE;
  const localOf = (t: number) => t + zone.offset(t) * MINUTE;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (localOf(mid) >= w) hi = mid;
    else lo = mid;
  }
  return localOf(lo) >= w ? lo : hi;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds days to a calendar date (no zone involved). */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
  };
}
