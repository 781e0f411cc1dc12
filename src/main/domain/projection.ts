/**
 * The steady state of a rule: how many snapshots one target keeps once the
 * rule has run long enough, and how long that takes.
 *
 * It does not model retention a second time. It walks the schedule's slots
 * back from `at` (as if the rule had always run), keeps every slot retention
 * could possibly keep, and hands them to the real `planRetention`. What the
 * walk leaves out can never be kept by retention:
 * - keep last N / keep D days only keep the newest slots, which the walk takes
 *   all of (the "dense" tail, back to N slots and D days before the newest);
 * - a daily, weekly or monthly copy is the newest snapshot of its period, and
 *   the newest of a week or month is the newest of its last day with runs, so
 *   older days contribute only their last slot, and only while a period policy
 *   still needs more periods. Beyond the daily window the walk jumps from
 *   period to period instead of day to day.
 * Removing snapshots retention would delete anyway does not change what it
 * keeps (the newest, the periods that have snapshots, and their newest member
 * are all unchanged), so the count is exactly what the engine converges to;
 * the unit tests check this against full simulated histories.
 */
import type { Retention, Schedule } from '../../shared/domain';
import { isoWeekKey, planRetention } from './retention';
import { runsOnLocalDay } from './schedule';
import { addDays, wallTimeOf, zoneOf } from './zone';

const DAY = 86_400_000;

/** How far back the walk may go: about ten years of days. Retention that needs more is reported as "at least". */
export const PROJECTION_HORIZON_DAYS = 3_660;
/** Most slots the walk collects; beyond this the count is reported as "at least" (far past every known quota). */
export const PROJECTION_SLOT_CAP = 10_000;

export interface RetentionProjection {
  /** Snapshots one target keeps in the steady state (a lower bound when `atLeast`). */
  count: number;
  /** True when the walk hit its horizon or slot cap before retention was satisfied. */
  atLeast: boolean;
  /** How long the rule runs before it keeps that many: the age of its oldest kept snapshot then. */
  reachedAfterMs: number;
}

type Day = { year: number; month: number; day: number };

/** The runs of one local day of a schedule (see runsOnLocalDay). */
export type DayRuns = (day: Day) => number[];

/**
 * The schedule's runs per local day, remembered: projecting several
 * retentions over one schedule (each policy alone, for a warning) walks the
 * same days, and a frequent cron costs about 3 ms a day to expand.
 */
export function dayRunsFor(schedule: Schedule): DayRuns {
  const known = new Map<string, number[]>();
  return (day) => {
    const key = dayKey(day);
    let runs = known.get(key);
    if (!runs) known.set(key, (runs = runsOnLocalDay(schedule, day)));
    return runs;
  };
}

const dayKey = (d: Day) => `${d.year}-${d.month}-${d.day}`;
const monthKey = (d: Day) => `${d.year}-${d.month}`;
const weekKey = (d: Day) => isoWeekKey(d.year, d.month, d.day);
const mondayOf = (d: Day) => addDays(d, 1 - addDays(d, 0).weekday);

/** What the walk still needs before retention's answer can no longer change. */
interface Needs {
  dense: boolean;
  days: boolean;
  weeks: boolean;
  months: boolean;
}

/**
 * Projects the steady state of `retention` under `schedule`, at `at`.
 * Throws invalid_input (via the zone and cron checks) for a schedule that cannot run.
 */
export function projectRetention(
  schedule: Schedule,
  retention: Retention,
  at: Date,
  runsOf: DayRuns = dayRunsFor(schedule),
): RetentionProjection {
  const { kept, atLeast } = steadyStateSlots(schedule, retention, at, runsOf);
  const reachedAfterMs = kept.length ? kept[0]! - kept[kept.length - 1]! : 0;
  return { count: kept.length, atLeast, reachedAfterMs };
}

/** The slot instants (newest first) one target keeps in the steady state at `at`; exported for the tests. */
export function steadyStateSlots(
  schedule: Schedule,
  retention: Retention,
  at: Date,
  runsOf: DayRuns = dayRunsFor(schedule),
): { kept: number[]; atLeast: boolean } {
  const zone = zoneOf(schedule.timeZone);
  const end = at.getTime();
  const gfs = retention.gfs ?? { daily: 0, weekly: 0, monthly: 0 };
  const taken = new Set<number>();
  const seen = { days: new Set<string>(), weeks: new Set<string>(), months: new Set<string>() };
  let newest: number | null = null;
  let denseSlots = 0;

  // What is still missing before `day` is looked at; the walk ends when nothing is.
  const needsFor = (day: Day): Needs => ({
    dense:
      newest === null ||
      (retention.keepLast !== null && denseSlots < retention.keepLast) ||
      // Any slot of this local day may still be within D days of the newest (zones are at most 14 h from UTC).
      (retention.keepDays !== null && utcMidnight(day) + 2 * DAY > newest - retention.keepDays * DAY),
    days: seen.days.size < gfs.daily,
    weeks: seen.weeks.size < gfs.weekly,
    months: seen.months.size < gfs.monthly,
  });

  let cursor: Day = wallTimeOf(end, zone);
  const oldest = utcMidnight(cursor) - PROJECTION_HORIZON_DAYS * DAY;
  let capped = false;
  for (let need = needsFor(cursor); need.dense || need.days || need.weeks || need.months; need = needsFor(cursor)) {
    if (utcMidnight(cursor) < oldest || taken.size >= PROJECTION_SLOT_CAP) {
      capped = true;
      break;
    }
    const runs = runsOf(cursor).filter((t) => t <= end);
    const last = runs.at(-1);
    if (last !== undefined) {
      newest ??= last;
      (need.dense ? runs : [last]).forEach((t) => taken.add(t));
      if (need.dense) denseSlots += runs.length;
      const wall = wallTimeOf(last, zone);
      seen.days.add(dayKey(wall));
      seen.weeks.add(weekKey(wall));
      seen.months.add(monthKey(wall));
    }
    cursor = nextDayBack(cursor, needsFor(addDays(cursor, -1)), seen);
  }

  const candidates = [...taken].map((t, i) => ({ id: i + 1, takenAt: new Date(t).toISOString() }));
  const plan = planRetention(retention, candidates, schedule.timeZone);
  return { kept: plan.keep.map((c) => Date.parse(c.takenAt)), atLeast: capped };
}

/**
 * The next local day to look at, walking back: the day before, unless only
 * weekly or monthly copies are still missing and this day's week or month is
 * already counted; then the last day before that week or month.
 */
function nextDayBack(cursor: Day, need: Needs, seen: { weeks: Set<string>; months: Set<string> }): Day {
  const dayBefore = addDays(cursor, -1);
  if (need.dense || need.days) return dayBefore;
  const options: Day[] = [];
  if (need.weeks) options.push(seen.weeks.has(weekKey(cursor)) ? addDays(mondayOf(cursor), -1) : dayBefore);
  if (need.months) options.push(seen.months.has(monthKey(cursor)) ? addDays({ ...cursor, day: 1 }, -1) : dayBefore);
  // The latest candidate, so no period that either policy still needs is jumped over.
  if (options.length === 0) return dayBefore;
  return options.reduce((a, b) => (utcMidnight(a) >= utcMidnight(b) ? a : b));
}

const utcMidnight = (d: Day) => Date.UTC(d.year, d.month - 1, d.day);
