import { api } from '../../api';
import type { ActivityEntry, SnapshotStatus } from '../../../shared/domain';
import { usePagedRows } from '../../lib/usePagedRows';
import type { ActivityFilters } from './ActivityFilters';
import { eventColumns } from './eventColumns';
import { PagedTable } from './PagedTable';
import { snapshotColumns } from './snapshotColumns';

const num = (v: string) => (v ? Number(v) : undefined);

/** Every snapshot matching the filters, paged from main. */
export function SnapshotList({ filters }: { filters: ActivityFilters }) {
  const filter = {
    targetId: num(filters.target),
    ruleId: num(filters.rule),
    status: (filters.status || undefined) as SnapshotStatus | undefined,
  };
  const paged = usePagedRows(['snapshots', 'list', filter], (offset, limit) =>
    api.snapshots.list({ ...filter, offset, limit }),
  );
  return <PagedTable label="Snapshots" paged={paged} columns={snapshotColumns} empty="No snapshots match." />;
}

/** Every activity entry matching the filters, paged from main. */
export function EventList({ filters }: { filters: ActivityFilters }) {
  const filter = {
    targetId: num(filters.target),
    ruleId: num(filters.rule),
    level: (filters.level || undefined) as ActivityEntry['level'] | undefined,
  };
  const paged = usePagedRows(['activity', 'list', filter], (offset, limit) =>
    api.activity.list({ ...filter, offset, limit }),
  );
  return (
    <PagedTable
      label="Events"
      paged={paged}
      columns={eventColumns}
      empty="Nothing has happened yet with these filters."
    />
  );
}
