/**
 * The Rules page's filters and sort, kept in its URL (`#/rules?status=paused&sort=name`),
 * and the rows they select, in that order.
 */
import { useMemo } from 'react';
import type { TableSort } from '../../components/VirtualTable';
import { useListParams } from '../../lib/listParams';
import { nextSort, parseSort, sortRows } from '../../lib/sorting';
import type { Route } from '../../routes';
import type { RuleRow } from './ruleColumns';
import type { RuleFilters } from './RulesToolbar';
import { defaultRuleSort, ruleComparator, ruleSortKeys } from './ruleSort';

const defaults = { search: '', status: '', sort: 'status', dir: 'asc' };
const ruleStatuses: readonly string[] = ['active', 'paused', 'attention', 'selector'];

const matchesFilters = (rule: RuleRow, filters: RuleFilters) => {
  const needle = filters.search.trim().toLowerCase();
  if (needle && !`${rule.name} ${rule.targetName}`.toLowerCase().includes(needle)) return false;
  if (filters.status === 'attention') return !!rule.attention;
  if (filters.status === 'paused') return !rule.enabled;
  if (filters.status === 'active') return rule.enabled && !rule.attention;
  if (filters.status === 'selector') return rule.selection.mode === 'selector';
  return true;
};

export function useRuleList(route: Route, all: RuleRow[]) {
  const [params, setParams] = useListParams(route, defaults);
  const status = (ruleStatuses.includes(params.status) ? params.status : '') as RuleFilters['status'];
  const filters: RuleFilters = { search: params.search, status };
  const sort = parseSort(params.sort, params.dir, ruleSortKeys, defaultRuleSort);
  const rows = useMemo(
    () =>
      sortRows(
        all.filter((r) => matchesFilters(r, { search: params.search, status })),
        ruleComparator(sort.key),
        sort.dir,
      ),
    [all, params.search, status, sort.key, sort.dir],
  );
  const tableSort: TableSort = {
    state: sort,
    onSort: (key, firstDir) => {
      const next = nextSort(sort, key, firstDir);
      setParams({ sort: next.key, dir: next.dir });
    },
  };
  return {
    filters,
    setFilters: (f: RuleFilters) => setParams({ search: f.search, status: f.status }),
    rows,
    sort: tableSort,
  };
}
