import { useState } from 'react';
import { api } from '../../api';
import type { ActivityEntry, SnapshotStatus } from '../../../shared/domain';
import type { SnapshotSortKey } from '../../../shared/list-contract';
import type { ScrollRequest } from '../../components/VirtualTable';
import { usePagedRows } from '../../lib/usePagedRows';
import { nextSort, type SortState } from '../../lib/sorting';
import type { ActivityFilters } from './ActivityFilters';
import { eventColumns } from './eventColumns';
import { JumpToDate } from './JumpToDate';
import { PagedTable } from './PagedTable';
import { snapshotColumns } from './snapshotColumns';

const num = (v: string) => (v ? Number(v) : undefined);

/** Props of a history list: its filters, its sort (from the URL) and how to change the sort. */
interface ListProps {
  filters: ActivityFilters;
  sort: SortState;
  onSort: (sort: SortState) => void;
}

/** A "jump to a date" answer turned into a scroll; a new sequence number scrolls again to the same row. */
function useJump() {
  const [scrollTo, setScrollTo] = useState<ScrollRequest | null>(null);
  const jumpTo = (index: number | null) => {
    if (index !== null) setScrollTo((current) => ({ index, seq: (current?.seq ?? 0) + 1 }));
    return index;
  };
  return { scrollTo, jumpTo };
}

/** Every snapshot matching the filters, sorted in SQL and paged from main. */
export function SnapshotList({ filters, sort, onSort }: ListProps) {
  const filter = {
    targetId: num(filters.target),
    ruleId: num(filters.rule),
    status: (filters.status || undefined) as SnapshotStatus | undefined,
  };
  const order = { sort: sort.key as SnapshotSortKey, dir: sort.dir };
  const paged = usePagedRows(['snapshots', 'list', filter, order], (offset, limit) =>
    api.snapshots.list({ ...filter, ...order, offset, limit }),
  );
  const { scrollTo, jumpTo } = useJump();
  // A date means a place in time order: switch to it (keeping the direction) before locating the row.
  const dir = sort.key === 'time' ? sort.dir : 'desc';
  return (
    <>
      <JumpToDate
        what="snapshots"
        locate={async (at) => {
          if (sort.key !== 'time') onSort({ key: 'time', dir });
          return jumpTo((await api.snapshots.positionAt({ ...filter, dir, at })).index);
        }}
      />
      <PagedTable
        label="Snapshots"
        noun={['snapshot', 'snapshots']}
        paged={paged}
        columns={snapshotColumns}
        empty="No snapshots match."
        sort={{ state: sort, onSort: (key, firstDir) => onSort(nextSort(sort, key, firstDir)) }}
        scrollTo={sort.key === 'time' ? scrollTo : null}
      />
    </>
  );
}

/** Every activity entry matching the filters, paged from main, newest or oldest first. */
export function EventList({ filters, sort, onSort }: ListProps) {
  const filter = {
    targetId: num(filters.target),
    ruleId: num(filters.rule),
    level: (filters.level || undefined) as ActivityEntry['level'] | undefined,
  };
  const paged = usePagedRows(['activity', 'list', filter, sort.dir], (offset, limit) =>
    api.activity.list({ ...filter, dir: sort.dir, offset, limit }),
  );
  const { scrollTo, jumpTo } = useJump();
  return (
    <>
      <JumpToDate
        what="events"
        locate={async (at) => jumpTo((await api.activity.positionAt({ ...filter, dir: sort.dir, at })).index)}
      />
      <PagedTable
        label="Events"
        noun={['event', 'events']}
        paged={paged}
        columns={eventColumns}
        empty="Nothing has happened yet with these filters."
        sort={{ state: sort, onSort: (key, firstDir) => onSort(nextSort(sort, key, firstDir)) }}
        scrollTo={scrollTo}
      />
    </>
  );
}
