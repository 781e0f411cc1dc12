import type { SnapshotWithoutRule } from '../../../shared/snapshot-contract';
import { Dialog } from '../../components/Dialog';
import { plural } from '../../lib/format';
import { describeSnapshots } from '../../lib/sizes';

/** "Delete 3 snapshots, 12 GB, at the provider?" before a bulk deletion. */
export function ConfirmDeletion({
  rows,
  onCancel,
  onConfirm,
}: {
  rows: SnapshotWithoutRule[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const known = rows.filter((r) => r.sizeGb !== null);
  const size = {
    count: rows.length,
    sizeGb: Math.round(known.reduce((sum, r) => sum + r.sizeGb!, 0) * 100) / 100,
    unknownSize: rows.length - known.length,
  };
  return (
    <Dialog open title={`Delete ${plural(rows.length, 'snapshot')} at the provider?`} onClose={onCancel}>
      <p>
        {describeSnapshots(size)}. They are deleted at the provider and cannot be restored afterwards. volsnap deletes
        only snapshots the provider still shows as made by volsnap; any it cannot delete stay listed with the reason.
      </p>
      <div className="button-row end">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          Keep them
        </button>
        <button type="button" className="button danger" onClick={onConfirm}>
          Delete {plural(rows.length, 'snapshot')}
        </button>
      </div>
    </Dialog>
  );
}
