/**
 * Which of a rule's snapshots to keep. Pure: callers pass only snapshots that
 * volsnap made for that rule and that the provider confirms as ours (see
 * run.ts); manual snapshots, provider backups and other rules' snapshots never
 * reach this function, so they can never be planned for deletion.
 *
 * Semantics (a snapshot stays if ANY enabled policy keeps it):
 * - keepLast N: the newest N successful snapshots, however old.
 * - keepDays D: snapshots taken within D days of the NEWEST successful one.
 *   Measured from the newest snapshot rather than from "now", so a week of
 *   failed runs (or a paused rule) never ages out the last good snapshots:
 *   the user gets D days of history back from their last good point.
 * - GFS: for the last K days, W ISO weeks and M months (in the rule's zone)
 *   that HAVE snapshots, the newest snapshot of each. Periods without a
 *   snapshot (failures, machine off) do not use up the count.
 * - Floor: the newest successful snapshot is always kept.
 * Because every policy counts successful snapshots only, failures can never
 * shrink the kept set below what the policy promises.
 */
import type { Retention } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { wallTimeOf, zoneOf } from './zone';

const DAY = 86_400_000;

export interface RetentionCandidate {
  id: number;
  /** When the snapshot was taken (ISO). */
  takenAt: string;
}

export interface RetentionPlan<T extends RetentionCandidate> {
  keep: T[];
  remove: T[];
  /** Why each kept snapshot is kept, for previews and logs. */
  reasons: Map<number, string[]>;
}

export function validateRetention(retention: Retention): void {
  const gfs = retention.gfs;
  const gfsOn = gfs !== null && gfs.daily + gfs.weekly + gfs.monthly > 0;
  if (retention.keepLast === null && retention.keepDays === null && !gfsOn) {
    throw new AppError(
      'invalid_input',
      'Choose at least one retention policy (keep the last N, keep N days, or daily/weekly/monthly).',
      {
        fields: [{ path: 'retention', message: 'Choose at least one policy' }],
      },
    );
  }
}

/** The ISO week (Monday first; the Thursday decides the year) a local date belongs to, as the GFS weekly bucket. */
export function isoWeekKey(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // Thursday of this week decides the year
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / DAY + 1) / 7);
  return `${weekYear}-W${week}`;
}

export function planRetention<T extends RetentionCandidate>(
  retention: Retention,
  candidates: T[],
  timeZone: string,
): RetentionPlan<T> {
  const zone = zoneOf(timeZone);
  const sorted = [...candidates].sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt) || b.id - a.id);
  const reasons = new Map<number, string[]>();
  const keep = (c: T, why: string) => {
    const list = reasons.get(c.id) ?? [];
    list.push(why);
    reasons.set(c.id, list);
  };

  if (sorted[0]) keep(sorted[0], 'newest');
  if (retention.keepLast !== null)
    sorted.slice(0, retention.keepLast).forEach((c) => keep(c, `last ${retention.keepLast}`));
  if (retention.keepDays !== null && sorted[0]) {
    const from = Date.parse(sorted[0].takenAt) - retention.keepDays * DAY;
    for (const c of sorted) if (Date.parse(c.takenAt) > from) keep(c, `${retention.keepDays} days`);
  }
  if (retention.gfs) {
    const periods: [string, number, (w: ReturnType<typeof wallTimeOf>) => string][] = [
      ['daily', retention.gfs.daily, (w) => `${w.year}-${w.month}-${w.day}`],
      ['weekly', retention.gfs.weekly, (w) => isoWeekKey(w.year, w.month, w.day)],
      ['monthly', retention.gfs.monthly, (w) => `${w.year}-${w.month}`],
    ];
    for (const [label, count, bucketOf] of periods) {
      const seen = new Set<string>();
      for (const c of sorted) {
        if (seen.size >= count) break;
        const bucket = bucketOf(wallTimeOf(Date.parse(c.takenAt), zone));
        if (seen.has(bucket)) continue;
        seen.add(bucket);
        keep(c, label);
      }
    }
  }
  return {
    keep: sorted.filter((c) => reasons.has(c.id)),
    remove: sorted.filter((c) => !reasons.has(c.id)),
    reasons,
  };
}
