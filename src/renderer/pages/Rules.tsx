import { useMemo } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import type { Rule } from '../../shared/domain';
import { Page } from '../components/Page';
import { ErrorNotice, errorMessage } from '../components/ErrorNotice';
import { Badge, Spinner } from '../components/Status';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useRules, useTargets } from '../lib/data';
import { formatRelative, formatTime } from '../lib/format';
import { describeSchedule } from '../lib/schedule';

function RuleStatus({ rule }: { rule: Rule }) {
  if (rule.attention) return <Badge tone="failing">Needs attention</Badge>;
  if (!rule.enabled) return <Badge tone="paused">Paused</Badge>;
  return <Badge tone="protected">Active</Badge>;
}

function RuleActions({ rule }: { rule: Rule }) {
  const run = useMutation({ mutationFn: () => api.rules.runNow({ id: rule.id }) });
  const toggle = useMutation({ mutationFn: () => api.rules.setEnabled({ id: rule.id, enabled: !rule.enabled }) });
  const error = run.error ?? toggle.error;
  return (
    <div className="cell-stack">
      <div className="button-row nowrap">
        <button
          type="button"
          className="button small"
          onClick={() => run.mutate()}
          disabled={run.isPending}
          aria-label={`Run ${rule.name} now`}
        >
          Run now
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => toggle.mutate()}
          disabled={toggle.isPending}
          aria-label={`${rule.enabled ? 'Pause' : 'Resume'} ${rule.name}`}
        >
          {rule.enabled ? 'Pause' : 'Resume'}
        </button>
      </div>
      {run.isSuccess && (
        <span className="muted small" role="status">
          Started · <a href={`#/activity?target=${rule.targetId}`}>Activity</a>
        </span>
      )}
      {error && (
        <span className="field-error small ellipsis" role="alert" title={errorMessage(error)}>
          {errorMessage(error)}
        </span>
      )}
    </div>
  );
}

type RuleRow = Rule & { targetName: string };

const columns: Column<RuleRow>[] = [
  {
    key: 'name',
    header: 'Rule',
    width: 'minmax(140px, 1.6fr)',
    cell: (rule) => (
      <div className="cell-stack">
        <a className="strong ellipsis" href={`#/rules/${rule.id}`}>
          {rule.name}
        </a>
        <span className="muted small ellipsis">{rule.targetName}</span>
      </div>
    ),
  },
  {
    key: 'schedule',
    header: 'Schedule',
    width: 'minmax(120px, 1.6fr)',
    cell: (rule) => <span className="clamp-2">{describeSchedule(rule.schedule)}</span>,
    hideBelow: 1000,
  },
  {
    key: 'status',
    header: 'Status',
    width: 'minmax(110px, 1.2fr)',
    cell: (rule) => (
      <div className="cell-stack">
        <RuleStatus rule={rule} />
        {rule.attention && (
          <span className="field-error small ellipsis" title={rule.attention}>
            {rule.attention}
          </span>
        )}
      </div>
    ),
  },
  {
    key: 'next',
    header: 'Next run',
    width: '100px',
    cell: (rule) => (
      <span title={formatTime(rule.nextRunAt)}>{rule.enabled ? formatRelative(rule.nextRunAt) : '—'}</span>
    ),
  },
  {
    key: 'last',
    header: 'Last run',
    width: '100px',
    cell: (rule) => (
      <span title={formatTime(rule.lastRunAt)}>{rule.lastRunAt ? formatRelative(rule.lastRunAt) : 'never'}</span>
    ),
    hideBelow: 1200,
  },
  { key: 'actions', header: 'Actions', width: '160px', cell: (rule) => <RuleActions rule={rule} /> },
];

export function RulesPage() {
  const rules = useRules();
  const targets = useTargets();
  const names = useMemo(
    () => new Map(targets.data?.map((t) => [t.id, `${t.name} · ${t.accountName}`])),
    [targets.data],
  );
  // Rules that need the user come first.
  const rows = useMemo<RuleRow[]>(
    () =>
      (rules.data ?? [])
        .map((r) => ({ ...r, targetName: names.get(r.targetId) ?? `Volume ${r.targetId}` }))
        .sort((a, b) => Number(!!b.attention) - Number(!!a.attention)),
    [rules.data, names],
  );

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
      {rules.data?.length === 0 && (
        <p className="notice">
          No rules yet. Open <a href="#/volumes?status=unprotected">Volumes</a> and choose Protect on a volume to create
          one.
        </p>
      )}
      {rows.length > 0 && (
        <VirtualTable
          label="Rules"
          columns={columns}
          count={rows.length}
          row={(i) => rows[i]}
          rowKey={(i) => rows[i]?.id ?? i}
          rowClass={(r) => (r.attention ? 'row-failing' : '')}
          rowHeight={60}
        />
      )}
    </Page>
  );
}
