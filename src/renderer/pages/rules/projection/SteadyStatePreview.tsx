import type { Retention } from '../../../../shared/domain';
import type { ProjectedStorage, RetentionProjection } from '../../../../shared/projection-contract';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Spinner } from '../../../components/Status';
import { formatGb, formatMoney, plural } from '../../../lib/format';
import { quotaAdvice, quotaHeadline, steadyStateSentence, totalSentence } from './projection-words';
import type { ProjectionQuery } from './useProjection';

/**
 * "Once it has run long enough": how many snapshots the rule keeps per volume,
 * in all, their size and monthly cost, and any published provider limit that
 * would be exceeded. The existing-snapshot facts follow it in the same panel.
 */
export function SteadyStatePreview({
  projection,
  retention,
}: {
  projection: ProjectionQuery;
  retention: Retention | null;
}) {
  const data = retention !== null ? projection.data : undefined;
  return (
    <div className="steady-state" aria-label="Steady state" role="group">
      {retention !== null && projection.isPending && projection.fetchStatus !== 'idle' && (
        <Spinner label="Projecting what the rule will keep…" />
      )}
      {retention !== null && projection.isError && (
        <ErrorNotice error={projection.error} what="project the retention" />
      )}
      {data && !projection.isError && (
        <>
          <p>
            <strong>{steadyStateSentence(data.perTarget)}</strong> {totalSentence(data)}
          </p>
          {data.targets === 0 && (
            <p className="muted">No volume is covered yet: each one the rule covers will keep this many.</p>
          )}
          {data.storage.map((s) => (
            <StorageLine key={s.provider} storage={s} />
          ))}
          {retention && <QuotaWarnings projection={data} retention={retention} />}
        </>
      )}
    </div>
  );
}

/** Where the size estimate comes from, in words: the provider's reported sizes, or the volumes' provisioned sizes. */
function sizeBasis(s: ProjectedStorage): string {
  const one = s.targets === 1;
  if (s.sizedBySnapshots === s.targets)
    return one ? 'the average of its existing snapshots' : 'the average of their existing snapshots';
  if (s.sizedByVolume === s.targets)
    return `${one ? "the volume's" : "the volumes'"} size; snapshots of a volume that is not full are smaller`;
  const parts = [
    s.sizedBySnapshots && `existing snapshots for ${plural(s.sizedBySnapshots, 'volume')}`,
    s.sizedByVolume && `the volume's size for ${plural(s.sizedByVolume, 'volume')}`,
    s.unsized && `${plural(s.unsized, 'volume')} of unknown size left out`,
  ].filter(Boolean);
  return parts.join(', ');
}

/** Totals run to hundreds of thousands of GB: with separators. */
const totalGb = (gb: number) => (gb >= 1000 ? `${Math.round(gb).toLocaleString()} GB` : formatGb(gb));

function StorageLine({ storage: s }: { storage: ProjectedStorage }) {
  if (s.snapshotGb === null)
    return <p className="muted">The size of these volumes is unknown, so the cost cannot be estimated.</p>;
  return (
    <p>
      Estimated size then: about {formatGb(s.snapshotGb)} per snapshot (from {sizeBasis(s)}), {totalGb(s.totalGb)} in
      all: <strong>{formatMoney(s.monthlyCost, s.provider)} per month</strong>
      {s.provider === 'demo' && <span className="muted"> (the demo cloud is free)</span>}.
    </p>
  );
}

/** One warning per published limit the rule would exceed: which limit, by how much, and what to change. */
export function QuotaWarnings({ projection, retention }: { projection: RetentionProjection; retention: Retention }) {
  if (projection.quotas.length === 0) return null;
  return (
    <div className="notice notice-warning quota-warning" role="alert">
      {projection.quotas.map((q) => (
        <div key={`${q.provider} ${q.scope} ${q.region ?? ''}`}>
          <p>
            <strong>{quotaHeadline(q)}</strong>
          </p>
          <p>
            {quotaAdvice(q, projection, retention)}{' '}
            <a href={q.source} target="_blank" rel="noreferrer">
              The published limit
            </a>
          </p>
        </div>
      ))}
    </div>
  );
}
