import type { TargetWithHealth } from '../../../shared/contract';
import { VirtualTable, type TableSort } from '../../components/VirtualTable';
import { plural } from '../../lib/format';
import { volumeColumns } from './volumeColumns';
import { selectColumn, type VolumeSelection } from './BulkProtect';

/** A row's class says at a glance whether it needs doing: unprotected, by health, or not snapshot-able. */
const rowClass = (t: TargetWithHealth) =>
  t.snapshotable && t.health === 'unprotected'
    ? 'row-unprotected'
    : t.snapshotable
      ? `row-${t.health}`
      : 'row-unsupported';

/** How many volumes are shown and how many are unprotected, then the (virtualised) table of them. */
export function VolumeTable({
  all,
  shown,
  selection,
  sort,
}: {
  all: TargetWithHealth[];
  shown: TargetWithHealth[];
  selection?: VolumeSelection;
  sort?: TableSort;
}) {
  const columns = selection ? [selectColumn(selection), ...volumeColumns] : volumeColumns;
  const unprotected = all.filter((t) => t.health === 'unprotected' && t.snapshotable).length;
  return (
    <>
      <p className="muted table-summary" role="status">
        Showing {shown.length.toLocaleString()} of {plural(all.length, 'volume or server', 'volumes and servers')}
        {unprotected > 0 && <strong className="warn-text"> · {unprotected.toLocaleString()} not protected</strong>}
      </p>
      {all.length > 0 && shown.length === 0 && <p className="notice">Nothing matches these filters.</p>}
      {shown.length > 0 && (
        <VirtualTable
          label="Volumes"
          columns={columns}
          count={shown.length}
          row={(i) => shown[i]}
          rowKey={(i) => shown[i]?.id ?? i}
          rowClass={rowClass}
          rowHeight={52}
          sort={sort}
        />
      )}
    </>
  );
}
