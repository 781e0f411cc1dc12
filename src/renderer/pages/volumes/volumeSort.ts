/**
 * How the Volumes list sorts (held whole in the renderer, so sorting is a
 * comparator): names in natural order, health by what needs doing first.
 */
import type { TargetWithHealth } from '../../../shared/contract';
import { compareNatural } from '../../../shared/natural-sort';
import { healthOrder } from '../../components/Status';
import type { SortState } from '../../lib/sorting';

export const volumeSortKeys = ['name', 'account', 'region', 'size', 'status', 'last'] as const;
/** What needs doing first: failing, late, unprotected, paused, protected, then what cannot be snapshotted. */
export const defaultVolumeSort: SortState = { key: 'status', dir: 'asc' };

const rank = (t: TargetWithHealth) => (t.snapshotable ? healthOrder.indexOf(t.health) : healthOrder.length);
const byName = (a: TargetWithHealth, b: TargetWithHealth) => compareNatural(a.name, b.name) || a.id - b.id;
/** A missing value (no size, never snapshotted) sorts as the lowest. */
const numberOrNull = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity);

const comparators: Record<(typeof volumeSortKeys)[number], (a: TargetWithHealth, b: TargetWithHealth) => number> = {
  name: byName,
  account: (a, b) => compareNatural(a.accountName, b.accountName) || byName(a, b),
  region: (a, b) => compareNatural(a.region, b.region) || byName(a, b),
  size: (a, b) => numberOrNull(a.sizeGb, b.sizeGb) || byName(a, b),
  status: (a, b) => rank(a) - rank(b) || byName(a, b),
  last: (a, b) =>
    numberOrNull(
      a.lastSnapshotAt ? Date.parse(a.lastSnapshotAt) : null,
      b.lastSnapshotAt ? Date.parse(b.lastSnapshotAt) : null,
    ) || byName(a, b),
};

/** The comparator for a sort key (ascending); unknown keys fall back to the default order. */
export function volumeComparator(key: string): (a: TargetWithHealth, b: TargetWithHealth) => number {
  return comparators[key as keyof typeof comparators] ?? comparators.status;
}
