import type { Overview } from '../../../shared/contract';
import { formatRelative, formatTime } from '../../lib/format';

/** The next scheduled runs, soonest first, each linked to its rule. */
export function NextSnapshots({ nextRuns }: { nextRuns: Overview['nextRuns'] }) {
  return (
    <section className="panel" aria-labelledby="next-runs">
      <h2 id="next-runs">Next snapshots</h2>
      {nextRuns.length === 0 ? (
        <p className="muted">
          Nothing scheduled. <a href="#/volumes">Protect a volume</a> to schedule snapshots.
        </p>
      ) : (
        <ul className="plain-list">
          {nextRuns.map((run) => (
            <li key={`${run.ruleId}-${run.at}`} className="list-row">
              <span className="grow">
                <a href={`#/rules/${run.ruleId}`}>{run.ruleName}</a> <span className="muted">· {run.targetName}</span>
              </span>
              <time dateTime={run.at} title={formatTime(run.at)}>
                {formatRelative(run.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
