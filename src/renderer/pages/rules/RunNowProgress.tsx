import { useEffect, useMemo } from 'react';
import { isOver, progressSentence, type OperationProgress } from '../../../shared/progress';
import { OperationLine } from '../../components/OperationLine';
import { plural } from '../../lib/format';
import { forgetRunNow, newSince, useNow, useOperations, useRunWatch } from '../../lib/progress';

/** The rule's runs under way now, scheduled or asked for. */
export function useLiveRuns(ruleId: number): OperationProgress[] {
  const ops = useOperations();
  return useMemo(() => ops.filter((op) => op.kind === 'run' && op.ruleId === ruleId && !isOver(op)), [ops, ruleId]);
}

/** One line for the Rules list: the run that waits (or else the first), in words, with its countdown. */
export function RuleLiveLine({ runs }: { runs: OperationProgress[] }) {
  const first = runs.find((op) => op.state === 'waiting') ?? runs[0];
  const now = useNow(first?.state === 'waiting');
  if (!first) return null;
  const words = `${runs.length > 1 ? `${first.subject}: ` : ''}${progressSentence(first, now)}${
    runs.length > 1 ? ` (+${runs.length - 1} more running)` : ''
  }`;
  // Two lines fit the row; the whole sentence is the title, and the line takes focus to show it.
  return (
    <span className={`small clamp-2 operation-${first.state}`} role="status" title={words} tabIndex={0}>
      {words}
    </span>
  );
}

/** The runs the rule's last Run now click started (none before a click). */
function useRunsOfClick(ruleId: number): { clicked: boolean; runs: OperationProgress[] } {
  const ops = useOperations();
  const baseline = useRunWatch(ruleId);
  const runs = useMemo(
    () => (baseline ? newSince(ops, baseline).filter((op) => op.kind === 'run' && op.ruleId === ruleId) : []),
    [ops, baseline, ruleId],
  );
  return { clicked: baseline !== null, runs };
}

/** How a Run now from the Rules list ended, in one line (the live steps show while it runs). */
export function RunNowResult({ ruleId }: { ruleId: number }) {
  const { clicked, runs } = useRunsOfClick(ruleId);
  const failed = runs.filter((op) => op.state === 'failed');
  if (!clicked) return null;
  if (runs.length === 0 || !runs.every(isOver))
    return (
      <span className="muted small" role="status">
        Started
      </span>
    );
  if (failed.length === 0)
    return (
      <span className="small operation-done" role="status">
        {runs.length === 1 ? 'Snapshot done.' : `${plural(runs.length, 'snapshot')} done.`}
      </span>
    );
  const words = `${runs.length > 1 ? `${failed.length} of ${runs.length} failed. ` : ''}${progressSentence(failed[0]!, 0)}`;
  return (
    <span className="small clamp-2 operation-failed" role="alert" title={words} tabIndex={0}>
      {words}
    </span>
  );
}

/**
 * What became of a Run now in the rule editor: live progress of each snapshot
 * it started, ending in "Snapshot done" or the failure's cause with "Retry now".
 */
export function RunNowProgress({
  ruleId,
  onRetry,
  activityHref,
}: {
  ruleId: number;
  onRetry: () => void;
  /** Where the run's history is told in full. */
  activityHref: string;
}) {
  const { clicked, runs } = useRunsOfClick(ruleId);
  // Leaving the editor ends what it showed: coming back later starts clean.
  useEffect(() => () => forgetRunNow(ruleId), [ruleId]);
  const over = runs.filter(isOver);
  const failed = runs.filter((op) => op.state === 'failed');
  const tone = failed.length ? 'notice-error' : over.length === runs.length && runs.length ? 'notice-ok' : '';
  if (!clicked) return null;
  return (
    <div className={`notice ${tone} progress-list`} aria-label="Run now progress">
      {runs.length === 0 && (
        <span className="operation" role="status">
          Snapshot requested, waiting for it to start…
        </span>
      )}
      {runs.length > 1 && (
        <span className="muted">
          {over.length - failed.length} of {plural(runs.length, 'snapshot')} done
          {failed.length ? `, ${failed.length} failed` : ''}
        </span>
      )}
      {[...failed, ...runs.filter((op) => op.state !== 'failed')].slice(0, 3).map((op) => (
        <OperationLine
          key={op.id}
          op={op}
          label={runs.length > 1 ? op.subject : undefined}
          onRetry={op === failed[0] ? onRetry : undefined}
          retryLabel="Retry now"
        />
      ))}
      <a className="small" href={activityHref}>
        Follow it in Activity
      </a>
    </div>
  );
}
