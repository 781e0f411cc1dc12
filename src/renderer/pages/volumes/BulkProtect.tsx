import { useState } from 'react';
import type { TargetWithHealth } from '../../../shared/contract';
import type { Column } from '../../components/VirtualTable';
import { plural } from '../../lib/format';
import { navigate } from '../../routes';

/** Only these can join a rule: there is something to snapshot. */
export const selectable = (t: TargetWithHealth) => t.snapshotable && !t.goneSince;

/** The Volumes page's bulk selection: ids chosen by checkbox or "select all matching the filter". */
export function useVolumeSelection() {
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return {
    chosen,
    toggle,
    selectAll: (shown: TargetWithHealth[]) => setChosen(new Set(shown.filter(selectable).map((t) => t.id))),
    clear: () => setChosen(new Set()),
  };
}
export type VolumeSelection = ReturnType<typeof useVolumeSelection>;

/** A checkbox per row; the column comes first so a keyboard user meets it first. */
export function selectColumn(selection: VolumeSelection): Column<TargetWithHealth> {
  return {
    key: 'select',
    header: 'Select',
    width: '56px',
    cell: (t) =>
      selectable(t) ? (
        <input
          type="checkbox"
          checked={selection.chosen.has(t.id)}
          onChange={(e) => selection.toggle(t.id, e.target.checked)}
          aria-label={`Select ${t.name}`}
        />
      ) : null,
  };
}

/** "Select all N matching", the count chosen, and "Protect with a rule" for the chosen volumes. */
export function BulkProtectBar({ selection, shown }: { selection: VolumeSelection; shown: TargetWithHealth[] }) {
  const matching = shown.filter(selectable).length;
  const count = selection.chosen.size;
  return (
    <div className="button-row bulk-bar" role="group" aria-label="Bulk selection">
      <button type="button" className="button small" onClick={() => selection.selectAll(shown)} disabled={!matching}>
        Select all {matching.toLocaleString()} matching
      </button>
      {count > 0 && (
        <>
          <span role="status">{plural(count, 'volume', 'volumes')} selected</span>
          <button type="button" className="button small" onClick={selection.clear}>
            Clear selection
          </button>
          <button
            type="button"
            className="button small primary"
            onClick={() => navigate(`/rules/new?targets=${[...selection.chosen].join(',')}`)}
          >
            Protect with a rule
          </button>
        </>
      )}
    </div>
  );
}
