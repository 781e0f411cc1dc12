import type { Overview } from '../../../shared/contract';
import { HealthBadge } from '../../components/Status';
import { withQuery } from '../../routes';

/** Up to eight snapshot-able volumes that are not protected, each with the one action that helps. */
export function NeedsAttention({ overview }: { overview: Overview }) {
  const shown = overview.targets.filter((t) => t.health !== 'protected' && t.snapshotable).slice(0, 8);
  if (shown.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="needs-attention">
      <h2 id="needs-attention">Needs attention</h2>
      <ul className="plain-list">
        {shown.map((t) => (
          <li key={t.id} className="list-row">
            <HealthBadge health={t.health} />
            <span className="grow">
              {t.name} <span className="muted">· {t.accountName}</span>
            </span>
            {t.health === 'unprotected' ? (
              <a className="button small" href={`#${withQuery('/rules/new', { target: t.id })}`}>
                Protect
              </a>
            ) : t.ruleIds[0] ? (
              <a className="button small" href={`#/rules/${t.ruleIds[0]}`}>
                Open rule
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
