/** The computer's IANA time zone, or UTC where the runtime cannot tell (some minimal containers). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A calendar date; month 1-12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function localParts(instant: number, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** The local wall time of an instant, read as if it were UTC: a number to compare and step through. */
function localMs(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
}

/** The local calendar date and "HH:MM" of an instant in a zone. Throws RangeError for an unknown zone. */
export function wallClockOf(instant: number, timeZone: string): { date: CalendarDate; time: string } {
  const p = localParts(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: { year: p.year, month: p.month, day: p.day }, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/**
 * The first instant whose local time in the zone is at or after `time` ("HH:MM") on `date`:
 * the earlier of two when fall-back repeats it, the instant the clock jumps when spring-forward
 * skips it. Throws RangeError for an unknown zone.
 */
export function instantOfWallTime(date: CalendarDate, time: string, timeZone: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // Offsets in force a day either side; real zones change at most once in that span.
  const offsets = [wall - DAY, wall + DAY].map((t) => localMs(t, timeZone) - t);
  const readings = [...new Set(offsets)].map((offset) => wall - offset).sort((a, b) => a - b);
  const exact = readings.find((t) => localMs(t, timeZone) === wall);
  if (exact !== undefined) return exact;
  // In a gap: search between the two readings for the first minute that reads at or after the wall time.
  let lo = readings[0]!;
  let hi = readings.at(-1)!;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (localMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return localMs(lo, timeZone) >= wall ? lo : hi;
}

/**
 * The latest instant at or before `now` when the zone's clock read `time`: the anchor of an
 * interval "starting at" that time, so its slots line up with that time of day from now on.
 */
export function latestWallTimeAtOrBefore(time: string, timeZone: string, now: number): number {
  const today = wallClockOf(now, timeZone).date;
  const atToday = instantOfWallTime(today, time, timeZone);
  if (atToday <= now) return atToday;
  const yesterday = new Date(Date.UTC(today.year, today.month - 1, today.day - 1));
  return instantOfWallTime(
    { year: yesterday.getUTCFullYear(), month: yesterday.getUTCMonth() + 1, day: yesterday.getUTCDate() },
    time,
    timeZone,
  );
}
