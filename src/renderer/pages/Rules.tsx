import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { Page } from '../components/Page';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Status';
import { VirtualTable } from '../components/VirtualTable';
import { useRules, useTargets } from '../lib/data';
import { ruleColumns, targetLabel, type RuleRow } from './rules/ruleColumns';
import { RulesToolbar } from './rules/RulesToolbar';
import { useRuleList } from './rules/useRuleList';
import type { Route } from '../routes';

/** Every rule, filtered and sorted as the URL says (`?status=paused&sort=name`). */
export function RulesPage({ route }: { route: Route }) {
  const rules = useRules();
  const targets = useTargets();
  const progress = useQuery({ queryKey: ['snapshots', 'rule-progress'], queryFn: () => api.rules.progress() });
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const names = useMemo(
    () => new Map(targets.data?.map((t) => [t.id, `${t.name} · ${t.accountName}`])),
    [targets.data],
  );
  const progressById = useMemo(() => new Map(progress.data?.map((p) => [p.ruleId, p])), [progress.data]);
  const all = useMemo<RuleRow[]>(
    () =>
      (rules.data ?? []).map((r) => {
        const p = progressById.get(r.id);
        return { ...r, targetName: targetLabel(r, names, p?.targets), progress: p };
      }),
    [rules.data, names, progressById],
  );
  const { filters, setFilters, rows, sort } = useRuleList(route, all);
  const toggle = (id: number, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const columns = useMemo(() => ruleColumns({ chosen, toggle }), [chosen]);

  return (
    <Page
      title="Rules"
      description="Snapshot rules: when to snapshot each volume and how long to keep the snapshots."
      actions={
        <a className="button primary" href="#/rules/new">
          New rule
        </a>
      }
    >
      {rules.isPending && <Spinner label="Loading rules…" />}
      {rules.isError && <ErrorNotice error={rules.error} what="list your rules" onRetry={() => void rules.refetch()} />}
      {rules.data && (
        <RulesToolbar
          filters={filters}
          onFilters={setFilters}
          shown={rows}
          chosen={chosen}
          onChoose={setChosen}
          total={all.length}
        />
      )}
      {rules.data?.length === 0 && (
        <p className="notice">
          No rules yet. Open <a href="#/volumes?status=unprotected">Volumes</a> and choose Protect on a volume to create
          one.
        </p>
      )}
      {all.length > 0 && rows.length === 0 && <p className="notice">No rule matches these filters.</p>}
      {rows.length > 0 && (
        <VirtualTable
          label="Rules"
          columns={columns}
          count={rows.length}
          row={(i) => rows[i]}
          rowKey={(i) => rows[i]?.id ?? i}
          rowClass={(r) => (r.attention ? 'row-failing' : '')}
          rowHeight={60}
          sort={sort}
        />
      )}
    </Page>
  );
}
