import type { Overview } from '../../../shared/contract';
import type { AccountHealth } from '../../../shared/account-health';
import { Badge, HealthBadge, healthOrder } from '../../components/Status';
import { plural } from '../../lib/format';
import { withQuery } from '../../routes';

const SHOWN = 5;
const rank = (health: string) => healthOrder.indexOf(health as (typeof healthOrder)[number]);

/**
 * What is wrong, worst first: accounts with a problem (one root cause each),
 * then volumes by severity (failing, late, unprotected, paused); the rest as "N more".
 */
export function NeedsAttention({ overview, accounts }: { overview: Overview; accounts: AccountHealth[] }) {
  const troubled = accounts.filter((a) => a.cause !== 'fine');
  const targets = overview.targets
    .filter((t) => t.health !== 'protected' && t.snapshotable)
    .sort((a, b) => rank(a.health) - rank(b.health) || a.name.localeCompare(b.name, undefined, { numeric: true }));
  const targetRoom = Math.max(0, SHOWN - troubled.length);
  const shownTargets = targets.slice(0, targetRoom);
  const more = targets.length - shownTargets.length;
  if (troubled.length === 0 && targets.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="needs-attention">
      <h2 id="needs-attention">Needs attention</h2>
      <ul className="plain-list" aria-label="Needs attention, worst first">
        {troubled.map((a) => (
          <li key={`account-${a.accountId}`} className="list-row">
            <Badge tone={a.severity === 'error' ? 'failing' : 'late'}>{a.label}</Badge>
            <span className="grow">
              {a.accountName} <span className="muted">· account</span>
            </span>
            <a className="button small" href="#/accounts">
              {a.fix === 'replace_token' ? 'Replace token' : 'Open account'}
            </a>
          </li>
        ))}
        {shownTargets.map((t) => (
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
      {more > 0 && (
        <a href={`#${withQuery('/volumes', { status: targets[shownTargets.length]!.health })}`}>
          {plural(more, 'more volume')}
        </a>
      )}
    </section>
  );
}
