import type { EngineProblem } from '../../../shared/contract';
import { formatRelative } from '../../lib/format';

/** Says, above everything else, that scheduled snapshots are not running, why, and when volsnap tries again. */
export function EngineProblemBanner({ problem }: { problem: EngineProblem }) {
  return (
    <div className="notice notice-error engine-problem" role="alert">
      <strong>{problem.kind === 'not_started' ? 'Snapshots are not running' : 'Snapshots are on hold'}</strong>
      <p>{problem.message}</p>
      {problem.retryAt && <p>Next try {formatRelative(problem.retryAt)}.</p>}
    </div>
  );
}
