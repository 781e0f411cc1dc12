/**
 * Records what happened: one row in the event log and one push event, so the
 * Activity page, notifications and the tray all hear the same story.
 */
import type { ActivityEntry } from '../../shared/domain';
import type { Clock } from '../ports/clock';
import type { ActivityRepo, NewActivityEntry } from '../db/repositories/activity';
import type { PushBus } from './push-bus';

export class ActivityRecorder {
  constructor(
    private readonly rows: ActivityRepo,
    private readonly bus: PushBus,
    private readonly clock: Clock,
  ) {}

  record(entry: Omit<NewActivityEntry, 'at'> & { at?: string }): ActivityEntry {
    const saved = this.rows.append({ ...entry, at: entry.at ?? this.clock.now().toISOString() });
    this.bus.emit('activity:added', saved);
    this.bus.emit('data:changed', { areas: ['activity', 'overview'] });
    return saved;
  }
}
