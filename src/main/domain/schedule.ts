/**
 * When does a rule run? Pure functions over the Schedule union, correct in the
 * schedule's IANA zone across DST:
 * - interval: slot k is anchor + k * every, in elapsed time (no drift, equal gaps
 *   even across DST; the wall-clock hour shifts with the zone's offset); a
 *   clock-aligned interval instead runs at the same local times every day, from
 *   the anchor's local time, with DST handled as for daily;
 * - daily / monthly: a local wall time; a time skipped by spring-forward runs at
 *   the instant the clock jumps, a time repeated by fall-back runs once (first);
 * - cron: same as daily for fixed hours; when the hour field is `*` the job
 *   simply follows the local clock, like cron does (skipped minutes do not exist,
 *   repeated minutes run in both hours).
 */
import type { Schedule } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { isClockAligned } from '../../shared/interval-clock';
import { cronDayMatches, parseCron, type CronFields } from './cron';
import { addDays, daysInMonth, firstInstantAtOrAfter, instantsOf, wallTimeOf, zoneOf, type WallTime } from './zone';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Far enough for any valid schedule (a Feb-29-only cron recurs within 8 years). */
const MAX_DAYS_AHEAD = 366 * 9;

type IntervalSchedule = Extract<Schedule, { kind: 'interval' }>;

export const intervalMs = (s: IntervalSchedule) => s.every * (s.unit === 'hours' ? HOUR : MINUTE);

/**
 * A clock-aligned interval's runs on one local day: its local times from the anchor's, never
 * before the anchor unless `beforeAnchor` (projections ask how a rule behaves once long running).
 */
function alignedDayRuns(s: IntervalSchedule, once: (wall: WallTime) => number, beforeAnchor = false): DayRuns {
  const zone = zoneOf(s.timeZone);
  const anchor = Date.parse(s.anchor);
  const start = wallTimeOf(anchor, zone);
  const step = intervalMs(s) / MINUTE;
  const minutes: number[] = [];
  for (let m = (start.hour * 60 + start.minute) % step; m < 24 * 60; m += step) minutes.push(m);
  return (d) =>
    minutes
      .map((m) => once({ ...d, hour: Math.floor(m / 60), minute: m % 60 }))
      .filter((run) => beforeAnchor || run >= anchor);
}

/** Throws invalid_input with field paths when the schedule cannot be used (zone, cron, anchor). */
export function validateSchedule(schedule: Schedule): void {
  const problems: AppError[] = [];
  const check = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof AppError) problems.push(error);
      else throw error;
    }
  };
  check(() => zoneOf(schedule.timeZone));
  if (schedule.kind === 'cron') check(() => parseCron(schedule.expression));
  if (schedule.kind === 'interval' && Number.isNaN(Date.parse(schedule.anchor))) {
    problems.push(
      new AppError('invalid_input', 'The start time of the interval is not a valid date.', {
        fields: [{ path: 'schedule.anchor', message: 'Not a valid date' }],
      }),
    );
  }
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) {
    throw new AppError('invalid_input', problems.map((p) => p.message).join(' '), {
      fields: problems.flatMap((p) => p.extra.fields ?? []),
    });
  }
}

const toTime = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return { hour: h!, minute: m! };
};

/** The instants of one local day, ascending, before filtering. */
type DayRuns = (day: { year: number; month: number; day: number; weekday: number }) => number[];

function dayRunsOf(schedule: Schedule): DayRuns {
  const zone = zoneOf(schedule.timeZone);
  const once = (wall: WallTime) => firstInstantAtOrAfter(wall, zone);
  switch (schedule.kind) {
    case 'interval':
      return alignedDayRuns(schedule, once);
    case 'daily': {
      const t = toTime(schedule.time);
      const weekdays = new Set(schedule.weekdays);
      return (d) => (weekdays.has(d.weekday) ? [once({ ...d, ...t })] : []);
    }
    case 'monthly': {
      const t = toTime(schedule.time);
      return (d) => (d.day === Math.min(schedule.day, daysInMonth(d.year, d.month)) ? [once({ ...d, ...t })] : []);
    }
    case 'cron': {
      const f: CronFields = parseCron(schedule.expression);
      return (d) => {
        if (!cronDayMatches(f, d)) return [];
        const out: number[] = [];
        for (const hour of f.hours) {
          for (const minute of f.minutes) {
            const wall = { ...d, hour, minute };
            if (f.anyHour) out.push(...instantsOf(wall, zone));
            else out.push(once(wall));
          }
        }
        return out;
      };
    }
  }
}

/**
 * The next `count` run instants strictly after `after`, ascending.
 * Throws invalid_input for an unknown zone or a bad cron expression.
 */
export function nextRunsAfter(schedule: Schedule, after: Date, count: number): Date[] {
  const t = after.getTime();
  if (count <= 0) return [];
  if (schedule.kind === 'interval' && !isClockAligned(schedule)) {
    zoneOf(schedule.timeZone);
    const anchor = Date.parse(schedule.anchor);
    const step = intervalMs(schedule);
    const first = t < anchor ? 0 : Math.floor((t - anchor) / step) + 1;
    return Array.from({ length: count }, (_, i) => new Date(anchor + (first + i) * step));
  }
  const runsOn = dayRunsOf(schedule);
  const zone = zoneOf(schedule.timeZone);
  // Start a day early: a run "tomorrow" in the zone may be "today" in UTC.
  let day = addDays(wallTimeOf(t, zone), -1);
  const found = new Set<number>();
  for (let i = 0; i < MAX_DAYS_AHEAD && found.size < count; i++, day = addDays(day, 1)) {
    for (const run of runsOn(day)) if (run > t) found.add(run);
  }
  return [...found]
    .sort((a, b) => a - b)
    .slice(0, count)
    .map((ms) => new Date(ms));
}

export function nextRunAfter(schedule: Schedule, after: Date): Date | null {
  return nextRunsAfter(schedule, after, 1)[0] ?? null;
}

/** The latest run instant at or before `at`, or null if the schedule had none (within a year). */
export function lastRunAtOrBefore(schedule: Schedule, at: Date): Date | null {
  const t = at.getTime();
  if (schedule.kind === 'interval' && !isClockAligned(schedule)) {
    const anchor = Date.parse(schedule.anchor);
    if (t < anchor) return null;
    const step = intervalMs(schedule);
    return new Date(anchor + Math.floor((t - anchor) / step) * step);
  }
  // Widen the look-back window until it contains a run.
  for (let window = HOUR; window <= 400 * DAY; window *= 4) {
    let cursor = new Date(t - window);
    let last: Date | null = null;
    for (;;) {
      const batch = nextRunsAfter(schedule, cursor, 64);
      const inRange = batch.filter((d) => d.getTime() <= t);
      if (inRange.length) last = inRange.at(-1)!;
      if (inRange.length < batch.length || batch.length === 0) break;
      cursor = batch.at(-1)!;
    }
    if (last) return last;
  }
  return null;
}

/**
 * The longest gap between consecutive runs: what "on time" means for health.
 * Mondays-and-Thursdays gives 4 days, monthly 31 days. Health asks this for
 * every rule on every Overview, so the common kinds are computed directly; a
 * DST hour is within the health grace. Only cron needs sampling, which is
 * cached per expression and zone.
 */
export function expectedGapMs(schedule: Schedule, at: Date): number {
  switch (schedule.kind) {
    case 'interval':
      return intervalMs(schedule);
    case 'daily': {
      const days = [...new Set(schedule.weekdays)].sort((a, b) => a - b);
      // Cyclic distance between consecutive chosen weekdays; one day a week gives 7.
      const gaps = days.map((day, i) => ((days[(i + 1) % days.length]! - day + 6) % 7) + 1);
      return Math.max(...gaps) * DAY;
    }
    case 'monthly':
      return 31 * DAY;
    case 'cron':
      return cronGapMs(schedule, at);
  }
}

const cronGaps = new Map<string, number>();
const CRON_GAP_CACHE_LIMIT = 1_000;

function cronGapMs(schedule: Extract<Schedule, { kind: 'cron' }>, at: Date): number {
  const key = `${schedule.timeZone} ${schedule.expression}`;
  const cached = cronGaps.get(key);
  if (cached !== undefined) return cached;
  const runs = nextRunsAfter(schedule, new Date(at.getTime() - 1), 60);
  const prev = lastRunAtOrBefore(schedule, new Date(at.getTime() - 1));
  const all = prev ? [prev, ...runs] : runs;
  let gap = 0;
  for (let i = 1; i < all.length; i++) gap = Math.max(gap, all[i]!.getTime() - all[i - 1]!.getTime());
  if (cronGaps.size >= CRON_GAP_CACHE_LIMIT) cronGaps.clear();
  cronGaps.set(key, gap || DAY);
  return gap || DAY;
}

/**
 * Every run instant of one local calendar day in the schedule's zone, ascending.
 * An interval is extended before its anchor too: projections ask how a rule
 * behaves once it has run for a long time, not when it was created.
 */
export function runsOnLocalDay(schedule: Schedule, day: { year: number; month: number; day: number }): number[] {
  const zone = zoneOf(schedule.timeZone);
  const date = addDays(day, 0);
  if (schedule.kind === 'interval' && isClockAligned(schedule)) {
    const runs = alignedDayRuns(schedule, (wall) => firstInstantAtOrAfter(wall, zone), true)(date);
    return [...new Set(runs)].sort((a, b) => a - b);
  }
  if (schedule.kind === 'interval') {
    const start = firstInstantAtOrAfter({ ...date, hour: 0, minute: 0 }, zone);
    const end = firstInstantAtOrAfter({ ...addDays(date, 1), hour: 0, minute: 0 }, zone);
    const anchor = Date.parse(schedule.anchor);
    const step = intervalMs(schedule);
    const runs: number[] = [];
    for (let k = Math.ceil((start - anchor) / step); anchor + k * step < end; k++) runs.push(anchor + k * step);
    return runs;
  }
  return [...new Set(dayRunsOf(schedule)(date))].sort((a, b) => a - b);
}
