/**
 * Records what happened: one row in the event log and one push event, so the
 * Activity page, notifications and the tray all hear the same story.
 */
import type { ActivityEntry } from '../shared/domain';
import type { Clock } from './clock';
import type { EventsRepo, NewEvent } from './db/repositories/events';
import type { EventBus } from './events';

export class ActivityLog {
  constructor(
    private readonly events: EventsRepo,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  record(entry: Omit<NewEvent, 'at'> & { at?: string }): ActivityEntry {
    const saved = this.events.append({ ...entry, at: entry.at ?? this.clock.now().toISOString() });
    this.bus.emit('activity:added', saved);
    this.bus.emit('data:changed', { areas: ['activity', 'overview'] });
    return saved;
  }
}
