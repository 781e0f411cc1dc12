import { useMemo, useState } from 'react';
import { isOver, type OperationProgress } from '../../../shared/progress';
import { OperationLine } from '../../components/OperationLine';
import { baselineOf, newSince, useOperations } from '../../lib/progress';

/** The rule's runs under way now (scheduled or asked for), for the Rules list's status cell. */
export function RuleLiveProgress({ ruleId }: { ruleId: number }) {
  const running = useOperations().filter((op) => op.kind === 'run' && op.ruleId === ruleId && !isOver(op));
  const first = running.find((op) => op.state === 'waiting') ?? running[0];
  if (!first) return null;
  return (
    <span className="small cell-stack">
      <OperationLine op={first} label={running.length > 1 ? first.subject : undefined} />
      {running.length > 1 && <span className="muted">and {running.length - 1} more running</span>}
    </span>
  );
}

/** The runs a Run now click started: the ones of the rule that began after `submittedAt`'s click. */
function useRunsSince(ruleId: number, submittedAt: number): OperationProgress[] {
  const ops = useOperations();
  // What was known at the click: taken on the first render after it, before any push of the new run can arrive.
  const [baseline, setBaseline] = useState(() => ({ at: submittedAt, known: baselineOf(ops) }));
  if (baseline.at !== submittedAt) setBaseline({ at: submittedAt, known: baselineOf(ops) });
  const known = baseline.known;
  return useMemo(
    () => newSince(ops, known).filter((op) => op.kind === 'run' && op.ruleId === ruleId),
    [ops, known, ruleId],
  );
}

/**
 * What became of a Run now: live progress of each snapshot it started, ending
 * in "Snapshot done" or the failure's cause with "Retry now".
 */
export function RunNowProgress({
  ruleId,
  submittedAt,
  onRetry,
  compact = false,
}: {
  ruleId: number;
  /** When the Run now was sent (the mutation's submittedAt). */
  submittedAt: number;
  onRetry: () => void;
  compact?: boolean;
}) {
  const runs = useRunsSince(ruleId, submittedAt);
  const over = runs.filter(isOver);
  const failed = runs.filter((op) => op.state === 'failed');
  const tone = failed.length ? 'notice-error' : over.length === runs.length && runs.length ? 'notice-ok' : '';
  // In the Rules list the status cell shows the live steps; the actions cell only how the click ended.
  const shown = compact ? over.slice(0, 1) : runs.slice(0, 3);
  return (
    <div className={compact ? 'small cell-stack' : `notice ${tone} progress-list`} aria-label="Run now progress">
      {shown.length === 0 && (
        <span className="operation" role="status">
          {compact ? 'Started' : 'Snapshot requested, waiting for it to start…'}
        </span>
      )}
      {runs.length > 1 && (
        <span className="muted">
          {over.length - failed.length} of {runs.length} snapshots done
          {failed.length ? `, ${failed.length} failed` : ''}
        </span>
      )}
      {shown.map((op) => (
        <OperationLine
          key={op.id}
          op={op}
          label={runs.length > 1 ? op.subject : undefined}
          onRetry={op === failed[0] ? onRetry : undefined}
          retryLabel="Retry now"
        />
      ))}
    </div>
  );
}
