import { isOver, progressSentence, type OperationProgress } from '../../shared/progress';
import { useNow } from '../lib/progress';

/**
 * One operation in words, counting down to its next try while it waits:
 * "Retrying (attempt 3): DigitalOcean answered HTTP 500, next try in 8 s".
 * A finished one says only how it ended.
 */
export function OperationText({ op }: { op: OperationProgress }) {
  const now = useNow(op.state === 'waiting');
  return <>{progressSentence(op, now)}</>;
}

/** A live line: polite status while it runs, an alert with Retry when it failed. */
export function OperationLine({
  op,
  label,
  onRetry,
  retryLabel = 'Retry',
  className = '',
}: {
  op: OperationProgress;
  /** Leads the line, e.g. the account's name. */
  label?: string;
  onRetry?: () => void;
  retryLabel?: string;
  className?: string;
}) {
  const failed = op.state === 'failed';
  return (
    <span
      className={`operation operation-${op.state} ${className}`}
      role={failed ? 'alert' : 'status'}
      data-operation={op.id}
    >
      {!isOver(op) && <span className="spinner" aria-hidden="true" />}
      <span>
        {label && <strong>{label}: </strong>}
        <OperationText op={op} />
      </span>
      {failed && onRetry && (
        <button type="button" className="button small" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </span>
  );
}
