/**
 * Contract pieces for long lists (issue 15, "Lists"): the sort order of the
 * paged snapshot and event lists, and where a date falls in them ("jump to a
 * date"). Spread into `SnapshotFilter`, `ActivityFilter` and `invokeChannels`
 * in contract.ts.
 */
import { z } from 'zod';
import { SnapshotStatus, id, isoTime } from './domain';

export const SortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof SortDirection>;

/** Columns of the snapshot list main can sort by, each backed by an index. */
export const snapshotSortKeys = ['time', 'name', 'status', 'size'] as const;
export const SnapshotSortKey = z.enum(snapshotSortKeys);
export type SnapshotSortKey = z.infer<typeof SnapshotSortKey>;

/** Sort fields of `snapshots:list`: newest first unless asked otherwise. */
export const snapshotOrder = {
  sort: SnapshotSortKey.default('time'),
  dir: SortDirection.default('desc'),
};
/** Sort field of `activity:list`: events sort by time only. */
export const eventOrder = { dir: SortDirection.default('desc') };

const snapshotFilterFields = { targetId: id.optional(), ruleId: id.optional(), status: SnapshotStatus.optional() };
const eventFilterFields = {
  targetId: id.optional(),
  ruleId: id.optional(),
  level: z.enum(['info', 'warning', 'error']).optional(),
};
const position = z.object({
  /** Index (from 0) of the row at or before `at` nearest to it, in the list's time order; null when every row is later. */
  index: z.number().int().nonnegative().nullable(),
});

export const listChannels = {
  /** Where the first snapshot requested at or before `at` sits in the time-sorted, filtered list. */
  'snapshots:positionAt': {
    input: z.object({ ...snapshotFilterFields, dir: SortDirection.default('desc'), at: isoTime }),
    output: position,
  },
  /** Where the first event at or before `at` sits in the time-sorted, filtered list. */
  'activity:positionAt': {
    input: z.object({ ...eventFilterFields, dir: SortDirection.default('desc'), at: isoTime }),
    output: position,
  },
} as const;
