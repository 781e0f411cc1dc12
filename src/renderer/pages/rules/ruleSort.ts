/**
 * How the Rules list sorts (held whole in the renderer): names in natural
 * order, status by what needs the user first, run times with "never" lowest.
 */
import { compareNatural } from '../../../shared/natural-sort';
import type { SortState } from '../../lib/sorting';
import type { RuleRow } from './ruleColumns';

export const ruleSortKeys = ['name', 'status', 'next', 'last'] as const;
/** Rules that need the user first, as the list always showed them. */
export const defaultRuleSort: SortState = { key: 'status', dir: 'asc' };

/** Needs attention, failing, paused, active: the order of the status words in the list. */
const statusRank = (r: RuleRow) => {
  if (r.attention) return 0;
  if ((r.progress?.slot?.failed ?? 0) > 0) return 1;
  return r.enabled ? 3 : 2;
};
const time = (iso: string | null) => (iso ? Date.parse(iso) : -Infinity);
const byName = (a: RuleRow, b: RuleRow) => compareNatural(a.name, b.name) || a.id - b.id;

const comparators: Record<(typeof ruleSortKeys)[number], (a: RuleRow, b: RuleRow) => number> = {
  name: byName,
  status: (a, b) => statusRank(a) - statusRank(b) || byName(a, b),
  // A paused rule has no next run; it sorts as having none.
  next: (a, b) => time(a.enabled ? a.nextRunAt : null) - time(b.enabled ? b.nextRunAt : null) || byName(a, b),
  last: (a, b) => time(a.lastRunAt) - time(b.lastRunAt) || byName(a, b),
};

/** The comparator for a sort key (ascending); unknown keys fall back to the default order. */
export function ruleComparator(key: string): (a: RuleRow, b: RuleRow) => number {
  return comparators[key as keyof typeof comparators] ?? comparators.status;
}
