import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import type { ProviderKind, Retention } from '../../../../shared/domain';
import { ErrorNotice, fieldErrors } from '../../../components/ErrorNotice';
import { Spinner } from '../../../components/Status';
import { formatGb, formatTime, plural } from '../../../lib/format';
import { useDebounced } from '../../../lib/useDebounced';
import { StorageCost } from './StorageCost';

const shownRemovals = 12;

/** Main's answer for what a valid retention would keep and delete among the target's snapshots. */
export function useRetentionPreview(retention: Retention | null, targetId: number | null, ruleId: number | null) {
  const settled = useDebounced(retention);
  return useQuery({
    queryKey: ['rules', 'preview-retention', targetId, ruleId, settled],
    queryFn: () =>
      api.rules.previewRetention({ targetId: targetId!, retention: settled!, ...(ruleId ? { ruleId } : {}) }),
    enabled: settled !== null && targetId !== null,
    placeholderData: (previous) => previous,
  });
}

type PreviewResult = NonNullable<ReturnType<typeof useRetentionPreview>['data']>;

/** "What this keeps": how many snapshots stay, which would be deleted, and what keeping them costs. */
export function RetentionPreview({
  retention,
  targetId,
  provider,
  preview,
  steadyState,
  shownFor,
}: {
  retention: Retention | null;
  targetId: number | null;
  provider: ProviderKind | null;
  preview: ReturnType<typeof useRetentionPreview>;
  /** What the rule keeps once it has run long enough (projection/SteadyStatePreview). */
  steadyState?: ReactNode;
  /** For a rule over many targets: the one the existing-snapshot facts are about, and how many others there are. */
  shownFor?: { name: string; others: number } | null;
}) {
  const serverIssues = fieldErrors(preview.error);
  const data = retention !== null ? preview.data : undefined;
  return (
    <section className="preview" aria-live="polite" aria-label="Retention preview">
      <h2 className="subheading">What this keeps</h2>
      {steadyState}
      {targetId === null && <p className="muted">Choose a volume to see what this would keep.</p>}
      {shownFor && (
        <p className="muted small">
          Existing snapshots of {shownFor.name} and {plural(shownFor.others, 'more volume')}: shown for the first one.
        </p>
      )}
      {retention === null && targetId !== null && (
        <p className="muted">Fix the retention above to see what it would keep.</p>
      )}
      {retention !== null && targetId !== null && preview.isPending && <Spinner label="Checking existing snapshots…" />}
      {retention !== null && preview.isError && Object.keys(serverIssues).length === 0 && (
        <ErrorNotice error={preview.error} what="preview the retention" />
      )}
      {data && !preview.isError && (
        <>
          <RetentionImpact data={data} />
          {provider && <StorageCost provider={provider} monthlyCost={data.monthlyCost} />}
        </>
      )}
    </section>
  );
}

function RetentionImpact({ data }: { data: PreviewResult }) {
  const keptGb = data.keep.reduce((sum, s) => sum + (s.sizeGb ?? 0), 0);
  return (
    <>
      <p>
        Keeps {plural(data.keep.length, 'existing snapshot')} ({formatGb(Math.round(keptGb * 10) / 10)}).{' '}
        {data.remove.length === 0 ? (
          <span>No existing snapshot would be deleted.</span>
        ) : (
          <strong className="warn-text">Saving would delete {plural(data.remove.length, 'existing snapshot')}:</strong>
        )}
      </p>
      {data.remove.length > 0 && (
        <ul className="impact-list" aria-label="Snapshots that would be deleted">
          {data.remove.slice(0, shownRemovals).map((s) => (
            <li key={s.id}>
              {s.name} <span className="muted">· {formatTime(s.requestedAt)}</span>
            </li>
          ))}
          {data.remove.length > shownRemovals && (
            <li className="muted">and {(data.remove.length - shownRemovals).toLocaleString()} more</li>
          )}
        </ul>
      )}
    </>
  );
}
