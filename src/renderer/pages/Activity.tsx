/* eslint-disable max-lines, max-lines-per-function -- being split into smaller components on the "ui-split" branch (issue 10); remove when it lands. */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { api } from '../api';
import type { SnapshotRow } from '../../shared/contract';
import { snapshotStatuses, type ActivityEntry, type SnapshotStatus } from '../../shared/domain';
import { Page } from '../components/Page';
import { ErrorNotice } from '../components/ErrorNotice';
import { Badge, Spinner } from '../components/Status';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useRules, useTargets } from '../lib/data';
import { formatDuration, formatGb, formatTime } from '../lib/format';
import { usePagedRows } from '../lib/usePagedRows';
import type { Route } from '../routes';
import { SnapshotChart } from './activity/SnapshotChart';

const statusInfo: Record<SnapshotStatus, { label: string; tone: string }> = {
  requested: { label: 'Requested', tone: 'paused' },
  creating: { label: 'Creating', tone: 'late' },
  available: { label: 'Available', tone: 'protected' },
  error: { label: 'Failed', tone: 'failing' },
  deleting: { label: 'Deleting', tone: 'late' },
  deleted: { label: 'Deleted', tone: 'muted' },
};

const snapshotColumns: Column<SnapshotRow>[] = [
  {
    key: 'time',
    header: 'Requested',
    width: '130px',
    cell: (s) => <time dateTime={s.requestedAt}>{formatTime(s.requestedAt)}</time>,
  },
  {
    key: 'snapshot',
    header: 'Snapshot',
    width: 'minmax(150px, 2fr)',
    cell: (s) => (
      <div className="cell-stack">
        <span className="ellipsis strong" title={s.name}>
          {s.name}
        </span>
        <span className="muted small ellipsis">
          {s.targetName}
          {s.ruleName ? ` · ${s.ruleName}` : ' · manual'}
        </span>
      </div>
    ),
  },
  {
    key: 'status',
    header: 'Status',
    width: '96px',
    cell: (s) => <Badge tone={statusInfo[s.status].tone}>{statusInfo[s.status].label}</Badge>,
  },
  { key: 'size', header: 'Size', width: '70px', cell: (s) => formatGb(s.sizeGb), hideBelow: 1000 },
  {
    key: 'duration',
    header: 'Took',
    width: '90px',
    cell: (s) => formatDuration(s.requestedAt, s.completedAt),
    hideBelow: 1200,
  },
  {
    key: 'detail',
    header: 'Details',
    width: 'minmax(120px, 2fr)',
    cell: (s) =>
      s.error ? (
        <span className="field-error clamp-2" title={s.error}>
          {s.error}
        </span>
      ) : s.deletedAt ? (
        <span className="muted small">Deleted {formatTime(s.deletedAt)}</span>
      ) : (
        <span className="muted small">{s.completedAt ? `Done ${formatTime(s.completedAt)}` : 'In progress'}</span>
      ),
  },
];

const levelTone = { info: 'muted', warning: 'late', error: 'failing' } as const;
const eventColumns: Column<ActivityEntry>[] = [
  { key: 'time', header: 'When', width: '130px', cell: (e) => <time dateTime={e.at}>{formatTime(e.at)}</time> },
  {
    key: 'level',
    header: 'Level',
    width: '84px',
    cell: (e) => (
      <Badge tone={levelTone[e.level]}>
        {e.level === 'info' ? 'Info' : e.level === 'warning' ? 'Warning' : 'Error'}
      </Badge>
    ),
  },
  {
    key: 'message',
    header: 'What happened',
    width: 'minmax(200px, 1fr)',
    cell: (e) => (
      <span className="clamp-2" title={e.message}>
        {e.message}
      </span>
    ),
  },
];

type Tab = 'snapshots' | 'events';

interface Filters {
  target: string;
  rule: string;
  status: string;
  level: string;
}

const num = (v: string) => (v ? Number(v) : undefined);

function SnapshotList({ filters }: { filters: Filters }) {
  const filter = {
    targetId: num(filters.target),
    ruleId: num(filters.rule),
    status: (filters.status || undefined) as SnapshotStatus | undefined,
  };
  const paged = usePagedRows(['snapshots', 'list', filter], (offset, limit) =>
    api.snapshots.list({ ...filter, offset, limit }),
  );
  return <PagedTable label="Snapshots" paged={paged} columns={snapshotColumns} empty="No snapshots match." />;
}

function EventList({ filters }: { filters: Filters }) {
  const filter = {
    targetId: num(filters.target),
    ruleId: num(filters.rule),
    level: (filters.level || undefined) as ActivityEntry['level'] | undefined,
  };
  const paged = usePagedRows(['activity', 'list', filter], (offset, limit) =>
    api.activity.list({ ...filter, offset, limit }),
  );
  return (
    <PagedTable
      label="Events"
      paged={paged}
      columns={eventColumns}
      empty="Nothing has happened yet with these filters."
    />
  );
}

function PagedTable<T extends { id: number }>({
  label,
  paged,
  columns,
  empty,
}: {
  label: string;
  paged: ReturnType<typeof usePagedRows<T>>;
  columns: Column<T>[];
  empty: string;
}) {
  if (paged.isPending) return <Spinner label={`Loading ${label.toLowerCase()}…`} />;
  if (paged.error && paged.total === undefined)
    return <ErrorNotice error={paged.error} what={`load the ${label.toLowerCase()}`} onRetry={paged.refetch} />;
  const total = paged.total ?? 0;
  return (
    <>
      <p className="muted table-summary" role="status">
        {total.toLocaleString()} {label.toLowerCase()}
      </p>
      {paged.error && (
        <ErrorNotice error={paged.error} what={`load more ${label.toLowerCase()}`} onRetry={paged.refetch} />
      )}
      {total === 0 ? (
        <p className="notice">{empty}</p>
      ) : (
        <VirtualTable
          label={label}
          columns={columns}
          count={total}
          row={paged.row}
          rowKey={(i) => paged.row(i)?.id ?? `i${i}`}
          onRangeChange={paged.onRangeChange}
          rowHeight={52}
        />
      )}
    </>
  );
}

export function ActivityPage({ route }: { route: Route }) {
  const targets = useTargets();
  const rules = useRules();
  const [tab, setTab] = useState<Tab>(route.query.get('tab') === 'events' ? 'events' : 'snapshots');
  const [filters, setFilters] = useState<Filters>({
    target: route.query.get('target') ?? '',
    rule: route.query.get('rule') ?? '',
    status: '',
    level: '',
  });
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [key]: e.target.value }));
  const targetOptions = useMemo(
    () => [...(targets.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    [targets.data],
  );
  const ruleOptions = useMemo(
    () => (rules.data ?? []).filter((r) => !filters.target || String(r.targetId) === filters.target),
    [rules.data, filters.target],
  );
  const selected = targets.data?.find((t) => String(t.id) === filters.target);

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = tab === 'snapshots' ? 'events' : 'snapshots';
      setTab(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };

  return (
    <Page
      title="Activity"
      description="Every snapshot volsnap requested, with its outcome, and everything else that happened."
    >
      <div className="filters" role="search">
        <label className="filter grow">
          <span>Volume</span>
          <select
            value={filters.target}
            onChange={(e) => setFilters((f) => ({ ...f, target: e.target.value, rule: '' }))}
          >
            <option value="">All volumes</option>
            {targetOptions.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.accountName})
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Rule</span>
          <select value={filters.rule} onChange={set('rule')}>
            <option value="">All rules</option>
            {ruleOptions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        {tab === 'snapshots' ? (
          <label className="filter">
            <span>Status</span>
            <select value={filters.status} onChange={set('status')}>
              <option value="">Any status</option>
              {snapshotStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusInfo[s].label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="filter">
            <span>Level</span>
            <select value={filters.level} onChange={set('level')}>
              <option value="">Any level</option>
              <option value="info">Info</option>
              <option value="warning">Warning</option>
              <option value="error">Error</option>
            </select>
          </label>
        )}
      </div>
      {targets.isError && <ErrorNotice error={targets.error} what="list volumes for the filter" />}

      <section className="panel" aria-labelledby="chart-title">
        <h2 id="chart-title">{selected ? `Snapshots of ${selected.name} over time` : 'Snapshots over time'}</h2>
        {selected ? (
          <SnapshotChart targetId={selected.id} targetName={selected.name} />
        ) : (
          <p className="muted">Choose a volume above to see its successes, failures and deletions over time.</p>
        )}
      </section>

      <div className="tabs" role="tablist" aria-label="History" onKeyDown={onTabKey}>
        {(['snapshots', 'events'] as const).map((t) => (
          <button
            key={t}
            id={`tab-${t}`}
            type="button"
            role="tab"
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className="tab"
            onClick={() => setTab(t)}
          >
            {t === 'snapshots' ? 'Snapshots' : 'Events'}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'snapshots' ? (
          <SnapshotList key={JSON.stringify(filters)} filters={filters} />
        ) : (
          <EventList key={JSON.stringify(filters)} filters={filters} />
        )}
      </div>
    </Page>
  );
}
