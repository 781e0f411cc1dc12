import type { SnapshotRow } from '../../../shared/contract';
import type { SnapshotStatus } from '../../../shared/domain';
import { Badge } from '../../components/Status';
import type { Column } from '../../components/VirtualTable';
import { formatDuration, formatGb, formatTime } from '../../lib/format';
import { SnapshotNameButton } from '../snapshots/snapshot-detail-open';

/** How each snapshot status is named and coloured, in the table and in the status filter. */
export const snapshotStatusInfo: Record<SnapshotStatus, { label: string; tone: string }> = {
  requested: { label: 'Requested', tone: 'paused' },
  creating: { label: 'Creating', tone: 'late' },
  available: { label: 'Available', tone: 'protected' },
  error: { label: 'Failed', tone: 'failing' },
  deleting: { label: 'Deleting', tone: 'late' },
  deleted: { label: 'Deleted', tone: 'muted' },
};

/** The snapshots table's columns; the narrow window hides size and duration. */
export const snapshotColumns: Column<SnapshotRow>[] = [
  {
    key: 'time',
    header: 'Requested',
    width: '130px',
    cell: (s) => <time dateTime={s.requestedAt}>{formatTime(s.requestedAt)}</time>,
  },
  {
    key: 'snapshot',
    header: 'Snapshot',
    width: 'minmax(150px, 2fr)',
    cell: (s) => (
      <div className="cell-stack">
        <SnapshotNameButton id={s.id} name={s.name} />
        <span className="muted small ellipsis">
          {s.targetName}
          {s.ruleName ? ` · ${s.ruleName}` : ' · no rule'}
        </span>
      </div>
    ),
  },
  {
    key: 'status',
    header: 'Status',
    width: '96px',
    cell: (s) => <Badge tone={snapshotStatusInfo[s.status].tone}>{snapshotStatusInfo[s.status].label}</Badge>,
  },
  { key: 'size', header: 'Size', width: '70px', cell: (s) => formatGb(s.sizeGb), hideBelow: 1000 },
  {
    key: 'duration',
    header: 'Took',
    width: '90px',
    cell: (s) => formatDuration(s.requestedAt, s.completedAt),
    hideBelow: 1200,
  },
  {
    key: 'detail',
    header: 'Details',
    width: 'minmax(120px, 2fr)',
    cell: (s) =>
      s.error ? (
        <span className="field-error clamp-2" title={s.error}>
          {s.error}
        </span>
      ) : s.deletedAt ? (
        <span className="muted small">Deleted {formatTime(s.deletedAt)}</span>
      ) : (
        <span className="muted small">{s.completedAt ? `Done ${formatTime(s.completedAt)}` : 'In progress'}</span>
      ),
  },
];
