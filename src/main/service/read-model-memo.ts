/**
 * A value derived from the database, kept until the data changes or time
 * alone would change it. "The data changed" is SQLite's own count of rows
 * written on this connection (triggers included) plus `data_version` (writes
 * by another connection), so no writer can forget to invalidate it. Bursts of
 * runs still change it on every step; what the memo saves is the repeated
 * reads between changes (tray and window asking after the same push, the
 * window's several queries of one area, a page shown again).
 */
import type { Db } from '../db';
import type { Clock } from '../ports/clock';

/** Even a value no data change touches is rebuilt this often (schedule gaps drift with the calendar). */
const maxAgeMs = 10 * 60_000;

export interface Derived<T> {
  value: T;
  /** Epoch ms from which the value may differ with the data unchanged (Infinity: never). */
  until: number;
}

export class ReadModelMemo<T> {
  private entry: { key: string; until: number; value: T } | null = null;
  private readonly changes;
  /** How many times the value was computed (the bench and tests read it). */
  rebuilds = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly compute: () => Derived<T>,
  ) {
    this.changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  }

  /** The value, computed again only if the data changed, `extraKey` differs, or its time is up. */
  get(extraKey = ''): T {
    const key = `${this.changes.get()}:${String(this.db.pragma('data_version', { simple: true }))}:${extraKey}`;
    const now = this.clock.now().getTime();
    if (this.entry && this.entry.key === key && now < this.entry.until) return this.entry.value;
    const { value, until } = this.compute();
    this.rebuilds += 1;
    this.entry = { key, until: Math.min(until, now + maxAgeMs), value };
    return value;
  }
}
