/**
 * Column sorting shared by every list: which column and which way, the next
 * state when a header is activated, and the words the header announces.
 */
import type { SortDirection } from '../../shared/list-contract';

export type { SortDirection };
export interface SortState {
  key: string;
  dir: SortDirection;
}

/** Activating the sorted column reverses it; another column starts in its natural direction. */
export function nextSort(current: SortState, key: string, firstDir: SortDirection): SortState {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: firstDir };
}

/** Reads a sort from URL values, falling back to the default for an unknown key or direction. */
export function parseSort(key: string, dir: string, allowed: readonly string[], fallback: SortState): SortState {
  if (!allowed.includes(key)) return fallback;
  return { key, dir: dir === 'asc' || dir === 'desc' ? dir : fallback.dir };
}

/** Sorts a copy with `compare` ascending, reversed for descending (ties keep their order). */
export function sortRows<T>(rows: readonly T[], compare: (a: T, b: T) => number, dir: SortDirection): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b));
}
