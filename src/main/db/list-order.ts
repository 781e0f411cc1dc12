/**
 * ORDER BY clauses and "where does this date fall" counts for the paged lists.
 * Column names come from fixed maps keyed by the contract's enums, never from
 * input. Every order ends in the row id, in the same direction as the rest, so
 * pages are stable and each order is one walk of one index (forwards or back).
 */
import type { SnapshotSortKey, SortDirection } from '../../shared/list-contract';

const direction: Record<SortDirection, string> = { asc: 'ASC', desc: 'DESC' };

const snapshotColumns: Record<SnapshotSortKey, string[]> = {
  time: ['s.requested_at'],
  name: ['s.name_key'],
  status: ['s.status', 's.requested_at'],
  size: ['s.size_gb', 's.requested_at'],
};

/** `ORDER BY` body for the snapshot list (table alias `s`). */
export function snapshotOrderBy(sort: SnapshotSortKey = 'time', dir: SortDirection = 'desc'): string {
  return [...snapshotColumns[sort], 's.id'].map((column) => `${column} ${direction[dir]}`).join(', ');
}

/** `ORDER BY` body for the event list: by time, then id. */
export function eventOrderBy(dir: SortDirection = 'desc'): string {
  return `at ${direction[dir]}, id ${direction[dir]}`;
}

/** Adds one condition to a clause built by whereClause (which may be empty). */
export function andWhere(clause: string, condition: string): string {
  return clause ? `${clause} AND ${condition}` : `WHERE ${condition}`;
}

/**
 * Where the row at or before a date nearest to it sits, counting only one side
 * of the date (a count walks its index range): newest first it is the first row
 * not later, so the number of later rows (if any row is not later); oldest
 * first, the last row not later, so one less than the number not later.
 */
export function positionOf(
  dir: SortDirection,
  count: (where: 'after' | 'atOrBefore') => number,
  anyAtOrBefore: () => boolean,
): number | null {
  if (dir === 'asc') {
    const atOrBefore = count('atOrBefore');
    return atOrBefore === 0 ? null : atOrBefore - 1;
  }
  return anyAtOrBefore() ? count('after') : null;
}
