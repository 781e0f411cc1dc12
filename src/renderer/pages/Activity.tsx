import { useMemo, useState } from 'react';
import { Page } from '../components/Page';
import { ErrorNotice } from '../components/ErrorNotice';
import { useRules, useTargets } from '../lib/data';
import type { Route } from '../routes';
import { ActivityFiltersBar, type ActivityFilters, type HistoryTab } from './activity/ActivityFilters';
import { HistoryTabs } from './activity/HistoryTabs';
import { SnapshotChartPanel } from './activity/SnapshotChartPanel';
import { WithoutRuleLink } from './snapshots/WithoutRuleLink';

/** Snapshot and event history; `?target=`, `?rule=` and `?tab=events` in the route preset what is shown. */
export function ActivityPage({ route }: { route: Route }) {
  const targets = useTargets();
  const rules = useRules();
  const [tab, setTab] = useState<HistoryTab>(route.query.get('tab') === 'events' ? 'events' : 'snapshots');
  const [filters, setFilters] = useState<ActivityFilters>({
    target: route.query.get('target') ?? '',
    rule: route.query.get('rule') ?? '',
    status: '',
    level: '',
  });
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
      <HistoryTabs tab={tab} onTab={setTab} filters={filters} />
    </Page>
  );
}
