/**
 * The schedule part of the rule editor's draft. The editor offers Weekly beside Daily, but
 * both are the domain's day-of-week schedule (`kind: 'daily'` with weekdays): Daily is every
 * day, Weekly the days chosen. Intervals are typed as a start time of day; the domain keeps
 * the instant it denotes (the anchor), so an untouched start time keeps a rule's anchor as is.
 */
import type { Schedule } from '../../../shared/domain';
import { latestWallTimeAtOrBefore, wallClockOf } from '../../../shared/time-zone';

/** What the editor's "Schedule type" radio group offers. */
export type ScheduleChoice = 'daily' | 'weekly' | 'interval' | 'monthly' | 'cron';

export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** Each choice keeps its own fields, so switching back and forth loses nothing. */
export interface ScheduleDraft {
  kind: ScheduleChoice;
  timeZone: string;
  /**
   * `anchor` is the saved rule's, kept while `start` still reads as it; null for a new draft.
   * `clockAligned`: runs keep their local times across DST; rules saved before there was a
   * start time count elapsed time until their start time is edited.
   */
  interval: { every: string; unit: 'minutes' | 'hours'; start: string; anchor: string | null; clockAligned: boolean };
  daily: { time: string };
  weekly: { time: string; weekdays: number[] };
  monthly: { day: string; time: string };
  cron: { expression: string };
}

export function newScheduleDraft(timeZone: string): ScheduleDraft {
  return {
    kind: 'daily',
    timeZone,
    interval: { every: '6', unit: 'hours', start: '00:00', anchor: null, clockAligned: true },
    daily: { time: '03:00' },
    weekly: { time: '03:00', weekdays: [1] },
    monthly: { day: '1', time: '03:00' },
    cron: { expression: '0 3 * * *' },
  };
}

/** The draft of a saved schedule; a day-of-week schedule on fewer than seven days opens as Weekly. */
export function scheduleDraftOf(s: Schedule): ScheduleDraft {
  const d = newScheduleDraft(s.timeZone);
  switch (s.kind) {
    case 'interval': {
      const start = safeWallTime(s.anchor, s.timeZone) ?? d.interval.start;
      const interval = {
        every: String(s.every),
        unit: s.unit,
        start,
        anchor: s.anchor,
        clockAligned: !!s.clockAligned,
      };
      return { ...d, kind: 'interval', interval };
    }
    case 'daily':
      return new Set(s.weekdays).size === 7
        ? { ...d, kind: 'daily', daily: { time: s.time }, weekly: { ...d.weekly, time: s.time } }
        : { ...d, kind: 'weekly', weekly: { time: s.time, weekdays: s.weekdays }, daily: { time: s.time } };
    case 'monthly':
      return { ...d, kind: 'monthly', monthly: { day: String(s.day), time: s.time } };
    case 'cron':
      return { ...d, kind: 'cron', cron: { expression: s.expression } };
  }
}

/** "HH:MM" of an instant in a zone, or null when the zone is not one this runtime knows. */
function safeWallTime(iso: string, timeZone: string): string | null {
  try {
    return wallClockOf(Date.parse(iso), timeZone).time;
  } catch {
    return null;
  }
}

/**
 * The interval's anchor: the saved one while the start time and zone still read as it (so an
 * edit elsewhere never moves a rule's slots), else the latest time the zone's clock read `start`.
 */
export function intervalAnchor(d: ScheduleDraft, now: number = Date.now()): string | null {
  const { start, anchor } = d.interval;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(start)) return null;
  if (anchor !== null && safeWallTime(anchor, d.timeZone) === start) return anchor;
  try {
    return new Date(latestWallTimeAtOrBefore(start, d.timeZone, now)).toISOString();
  } catch {
    return null; // an unknown zone: main names it at the zone field
  }
}

/** How the rule's default name starts: "Daily", "Every 4 hours", ... */
export function scheduleNameWord(d: ScheduleDraft): string {
  switch (d.kind) {
    case 'daily':
      return 'Daily';
    case 'weekly':
      return 'Weekly';
    case 'monthly':
      return 'Monthly';
    case 'cron':
      return 'Scheduled';
    case 'interval': {
      const n = Number(d.interval.every);
      const unit = d.interval.unit === 'hours' ? 'hour' : 'minute';
      if (!Number.isInteger(n) || n < 1) return `Every few ${unit}s`;
      return n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`;
    }
  }
}
