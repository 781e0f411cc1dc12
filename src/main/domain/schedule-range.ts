/**
 * Whether volsnap can work out a schedule's next runs. Dates are stored and
 * shown as ISO 8601 with a four-digit year, so a run after 9999-12-31 cannot
 * be kept; a schedule with no run in the years searched would leave a rule
 * that silently never runs. Both are the user's input to fix, not a fault.
 */
import type { Schedule } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { nextRunsAfter } from './schedule';

/** The last instant an ISO 8601 date with a four-digit year can name. */
export const LATEST_SUPPORTED_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The next `count` runs after `after`, or invalid_input saying why they
 * cannot be computed. Rules need two (the next run, and the one after it that
 * the engine computes when the first is done); previews need what they show.
 */
export function computableRuns(schedule: Schedule, after: Date, count: number): Date[] {
  let runs: Date[];
  try {
    runs = nextRunsAfter(schedule, after, count);
  } catch (error) {
    if (error instanceof AppError) throw error;
    runs = [new Date(Number.NaN)];
  }
  const field = schedule.kind === 'interval' ? 'schedule.anchor' : 'schedule';
  if (runs.some((run) => !Number.isFinite(run.getTime()) || run.getTime() > LATEST_SUPPORTED_TIME)) {
    throw new AppError(
      'invalid_input',
      'volsnap cannot work out the next runs of this schedule: they would fall after the year 9999. Choose a start time closer to today.',
      { fields: [{ path: field, message: 'Runs would fall after the year 9999' }] },
    );
  }
  if (runs.length < count) {
    throw new AppError(
      'invalid_input',
      'This schedule has no next run in the coming years, so the rule would never take a snapshot. Check the days and months of the schedule.',
      { fields: [{ path: field, message: 'This schedule never runs' }] },
    );
  }
  return runs;
}
