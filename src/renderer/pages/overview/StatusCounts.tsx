import type { Overview } from '../../../shared/contract';
import type { Health } from '../../../shared/domain';
import { healthLabel, healthOrder } from '../../components/Status';
import { withQuery } from '../../routes';

const countTone: Record<Health, string> = {
  protected: 'ok',
  late: 'warning',
  failing: 'error',
  paused: 'muted',
  unprotected: 'warning',
};

/** One tile per health, each a link to the volumes in it. */
export function StatusCounts({ counts }: { counts: Overview['counts'] }) {
  return (
    <ul className="count-tiles" aria-label="Protection status">
      {healthOrder.map((health) => (
        <li key={health}>
          <a className={`tile tile-${countTone[health]}`} href={`#${withQuery('/volumes', { status: health })}`}>
            <span className="tile-count">{(counts[health] ?? 0).toLocaleString()}</span>
            <span className="tile-label">{healthLabel[health]}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
