/**
 * The global pause: persisted, so a restart keeps it. Slots that fall in a
 * pause are skipped and each rule continues from the pause's end.
 */
import { ActivityType } from '../../shared/activity-types';
import { AppError } from '../../shared/errors';
import { formatInZone } from '../../shared/schedule-words';
import { systemTimeZone } from '../../shared/time-zone';
import { nextRunAfter } from '../domain/schedule';
import type { EngineDeps } from './run/deps';
import { isPausedUntilResumed } from '../../shared/pause';

const PAUSE_KEY = 'pausedUntil';

export class Pause {
  constructor(private readonly deps: EngineDeps) {}

  until(): Date | null {
    const value = this.deps.repos.engineState.get(PAUSE_KEY);
    return value ? new Date(value) : null;
  }

  /** True while a pause is in force at `now`. */
  isActive(now: Date): boolean {
    const until = this.until();
    return until !== null && until > now;
  }

  start(until: Date): void {
    if (until.getTime() <= this.deps.clock.now().getTime()) {
      throw new AppError('invalid_input', 'Choose a time in the future to pause until.', {
        fields: [{ path: 'until', message: 'Must be in the future' }],
      });
    }
    this.deps.repos.engineState.set(PAUSE_KEY, until.toISOString());
    this.deps.activity.record({
      level: 'info',
      type: ActivityType.enginePaused,
      message: isPausedUntilResumed(until)
        ? 'Scheduled snapshots are paused until you resume them.'
        : `Scheduled snapshots are paused until ${formatInZone(until.toISOString(), systemTimeZone())}.`,
    });
    this.deps.bus.emit('data:changed', { areas: ['overview', 'targets'] });
  }

  /** Ends a pause whose time has come; true when one ended. */
  expire(): boolean {
    const until = this.until();
    if (!until || until.getTime() > this.deps.clock.now().getTime()) return false;
    this.end(until, 'The pause has ended; scheduled snapshots resumed.');
    return true;
  }

  /** Ends the pause; runs due during it are skipped and the schedule continues from `from`. */
  end(from: Date, message: string): void {
    const { repos } = this.deps;
    repos.engineState.remove(PAUSE_KEY);
    for (const rule of repos.rules.list()) {
      if (!rule.enabled || !rule.nextRunAt || Date.parse(rule.nextRunAt) > from.getTime()) continue;
      repos.rules.setNextRun(rule.id, nextRunAfter(rule.schedule, from)?.toISOString() ?? null);
    }
    this.deps.activity.record({
      level: 'info',
      type: ActivityType.engineResumed,
      message: `${message} Runs that fell in the pause were skipped.`,
    });
    this.deps.bus.emit('data:changed', { areas: ['overview', 'targets', 'rules'] });
  }
}
