import type { TargetWithHealth } from '../../../shared/contract';
import { SnapshotChart } from './SnapshotChart';

/** The chart of one volume's snapshots over time, or a hint to choose a volume. */
export function SnapshotChartPanel({ selected }: { selected: TargetWithHealth | undefined }) {
  return (
    <section className="panel" aria-labelledby="chart-title">
      <h2 id="chart-title">{selected ? `Snapshots of ${selected.name} over time` : 'Snapshots over time'}</h2>
      {selected ? (
        <SnapshotChart targetId={selected.id} targetName={selected.name} />
      ) : (
        <p className="muted">Choose a volume above to see its successes, failures and deletions over time.</p>
      )}
    </section>
  );
}
