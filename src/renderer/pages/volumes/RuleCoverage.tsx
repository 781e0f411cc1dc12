import type { TargetWithHealth } from '../../../shared/contract';
import { plural } from '../../lib/format';
import { useRules } from '../../lib/data';

/**
 * A volume covered by more than one rule is marked, since each rule takes its
 * own snapshots of it (the rule editor warns before this happens). The names of
 * the rules open from the mark: a disclosure, so keyboard and screen readers
 * reach them as the mouse does.
 */
export function RuleCoverage({ target }: { target: TargetWithHealth }) {
  const rules = useRules();
  const names = new Map(rules.data?.map((r) => [r.id, r.name]));
  return (
    <details className="coverage">
      <summary className="warn-text small">
        Covered by {plural(target.ruleIds.length, 'rule')}
        <span className="visually-hidden"> ({target.name})</span>
      </summary>
      <ul className="coverage-list" aria-label={`Rules covering ${target.name}`}>
        {target.ruleIds.map((id) => (
          <li key={id}>
            <a href={`#/rules/${id}`}>{names.get(id) ?? `Rule ${id}`}</a>
          </li>
        ))}
      </ul>
    </details>
  );
}
