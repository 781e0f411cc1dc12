import type { SnapshotsSize } from '../../shared/snapshot-contract';
import { formatCount, formatGb, plural } from './format';

/** "3 snapshots, 12 GB" (or "..., 12 GB known; 1 without a size" when the provider gave none for some). */
export function describeSnapshots(size: SnapshotsSize): string {
  const count = plural(size.count, 'snapshot');
  if (size.count === 0) return count;
  if (size.unknownSize === size.count) return `${count}, size not known`;
  const gb = formatGb(size.sizeGb);
  return size.unknownSize ? `${count}, ${gb} (${formatCount(size.unknownSize)} without a size)` : `${count}, ${gb}`;
}
