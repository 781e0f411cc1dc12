import { useMemo } from 'react';
import { Page } from '../components/Page';
import { ErrorNotice } from '../components/ErrorNotice';
import { useRules, useTargets } from '../lib/data';
import type { Route } from '../routes';
import { ActivityFiltersBar, type ActivityFilters, type HistoryTab } from './activity/ActivityFilters';
import { HistoryTabs } from './activity/HistoryTabs';
import { SnapshotChartPanel } from './activity/SnapshotChartPanel';
import { snapshotSortKeys } from '../../shared/list-contract';
import { useListParams } from '../lib/listParams';
import { parseSort, type SortState } from '../lib/sorting';
import { WithoutRuleLink } from './snapshots/WithoutRuleLink';

const defaults = { tab: 'snapshots', target: '', rule: '', status: '', level: '', sort: 'time', dir: 'desc' };
const newestFirst: SortState = { key: 'time', dir: 'desc' };

/** Snapshot and event history, with the tab, filters and sort in the URL (`?tab=events&level=error&dir=asc`). */
export function ActivityPage({ route }: { route: Route }) {
  const targets = useTargets();
  const rules = useRules();
  const [params, setParams] = useListParams(route, defaults);
  const tab: HistoryTab = params.tab === 'events' ? 'events' : 'snapshots';
  const filters: ActivityFilters = {
    target: params.target,
    rule: params.rule,
    status: params.status,
    level: params.level,
  };
  const setFilters = (change: (f: ActivityFilters) => ActivityFilters) => setParams(change(filters));
  const sort = parseSort(params.sort, params.dir, tab === 'events' ? ['time'] : snapshotSortKeys, newestFirst);
  const targetOptions = useMemo(
    () => [...(targets.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    [targets.data],
  );
  const ruleOptions = useMemo(
    () => (rules.data ?? []).filter((r) => !filters.target || String(r.targetId) === filters.target),
    [rules.data, filters.target],
  );
  const selected = targets.data?.find((t) => String(t.id) === filters.target);

  return (
    <Page
      title="Activity"
      description="Every snapshot volsnap requested, with its outcome, and everything else that happened."
    >
      <WithoutRuleLink />
      <ActivityFiltersBar
        filters={filters}
        setFilters={setFilters}
        tab={tab}
        targets={targetOptions}
        rules={ruleOptions}
      />
      {targets.isError && <ErrorNotice error={targets.error} what="list volumes for the filter" />}
      <SnapshotChartPanel selected={selected} />
      <HistoryTabs
        tab={tab}
        onTab={(t) => setParams({ tab: t, sort: undefined, dir: undefined })}
        filters={filters}
        sort={sort}
        onSort={(next) => setParams({ sort: next.key, dir: next.dir })}
      />
    </Page>
  );
}
