/* eslint-disable max-lines-per-function -- being split into smaller components on the "ui-split" branch (issue 10); remove when it lands. */
import { useDeferredValue, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { TargetWithHealth } from '../../shared/contract';
import { Health, providerKinds } from '../../shared/domain';
import { providerInfo } from '../../shared/providers';
import { Page } from '../components/Page';
import { ErrorNotice } from '../components/ErrorNotice';
import { HealthBadge, Spinner, healthLabel, healthOrder } from '../components/Status';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useAccounts, useTargets } from '../lib/data';
import { formatGb, formatRelative, formatTime, plural } from '../lib/format';
import { navigate, withQuery, type Route } from '../routes';

interface Filters {
  search: string;
  provider: string;
  account: string;
  region: string;
  status: string;
}

const matches = (t: TargetWithHealth, f: Filters, needle: string): boolean =>
  (!f.provider || t.provider === f.provider) &&
  (!f.account || String(t.accountId) === f.account) &&
  (!f.region || t.region === f.region) &&
  (!f.status || t.health === f.status) &&
  (!needle ||
    t.name.toLowerCase().includes(needle) ||
    t.region.toLowerCase().includes(needle) ||
    t.providerId.toLowerCase().includes(needle) ||
    (t.attachedTo?.toLowerCase().includes(needle) ?? false) ||
    t.tags.some((tag) => tag.toLowerCase().includes(needle)));

function ActionCell({ t }: { t: TargetWithHealth }) {
  if (!t.snapshotable)
    return <span className="muted small reason">{t.unsupportedReason ?? 'volsnap cannot snapshot this.'}</span>;
  if (t.goneSince)
    return <span className="muted small reason">No longer at the provider since {formatTime(t.goneSince)}.</span>;
  if (t.ruleIds.length === 0)
    return (
      <button
        type="button"
        className="button small primary"
        onClick={() => navigate(withQuery('/rules/new', { target: t.id }))}
        aria-label={`Protect ${t.name}`}
      >
        Protect
      </button>
    );
  return (
    <a className="button small" href={`#/rules/${t.ruleIds[0]}`} aria-label={`Edit rule for ${t.name}`}>
      {t.ruleIds.length > 1 ? `${t.ruleIds.length} rules` : 'Edit rule'}
    </a>
  );
}

const columns: Column<TargetWithHealth>[] = [
  {
    key: 'name',
    header: 'Name',
    width: 'minmax(140px, 2fr)',
    cell: (t) => (
      <div className="cell-stack">
        <span className="strong ellipsis" title={t.name}>
          {t.name}
        </span>
        <span className="muted small ellipsis">
          {t.kind === 'server' ? 'Server' : 'Volume'}
          {t.attachedTo ? ` · on ${t.attachedTo}` : ''}
        </span>
      </div>
    ),
  },
  {
    key: 'account',
    header: 'Account',
    width: 'minmax(100px, 1.2fr)',
    cell: (t) => (
      <div className="cell-stack">
        <span className="ellipsis">{t.accountName}</span>
        <span className="muted small ellipsis">{providerInfo[t.provider].label}</span>
      </div>
    ),
  },
  { key: 'region', header: 'Region', width: '90px', cell: (t) => t.region, hideBelow: 1000 },
  { key: 'size', header: 'Size', width: '70px', cell: (t) => formatGb(t.sizeGb), hideBelow: 1200 },
  { key: 'status', header: 'Status', width: '110px', cell: (t) => <HealthBadge health={t.health} /> },
  {
    key: 'last',
    header: 'Last snapshot',
    width: '110px',
    cell: (t) => (
      <span title={formatTime(t.lastSnapshotAt, 'never')}>
        {t.lastSnapshotAt ? formatRelative(t.lastSnapshotAt) : 'never'}
      </span>
    ),
    hideBelow: 1000,
  },
  { key: 'action', header: 'Action', width: 'minmax(110px, 1.3fr)', cell: (t) => <ActionCell t={t} /> },
];

function RefreshButton() {
  const client = useQueryClient();
  const accounts = useAccounts();
  const refresh = useMutation({
    mutationFn: () => api.targets.refresh(),
    onSettled: () => client.invalidateQueries({ queryKey: ['targets'] }),
  });
  const failures = refresh.data?.accounts.filter((a) => a.error) ?? [];
  const nameOf = (id: number) => accounts.data?.find((a) => a.id === id)?.name ?? `Account ${id}`;
  return (
    <div className="refresh">
      <button type="button" className="button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
        Refresh from providers
      </button>
      {refresh.isPending && (
        <span className="progress-inline" role="status">
          <progress aria-label="Listing volumes" />
          Listing volumes in {plural(accounts.data?.length ?? 0, 'account')}…
        </span>
      )}
      {refresh.isSuccess && failures.length === 0 && (
        <span className="muted" role="status">
          Found{' '}
          {plural(
            refresh.data.accounts.reduce((n, a) => n + a.found, 0),
            'volume and server',
            'volumes and servers',
          )}
          .
        </span>
      )}
      {failures.length > 0 && (
        <ul className="notice notice-error plain-list" role="alert">
          {failures.map((f) => (
            <li key={f.accountId}>
              <strong>{nameOf(f.accountId)}:</strong> {f.error}
            </li>
          ))}
        </ul>
      )}
      {refresh.isError && <ErrorNotice error={refresh.error} what="refresh the volumes" />}
    </div>
  );
}

export function VolumesPage({ route }: { route: Route }) {
  const targets = useTargets();
  const accounts = useAccounts();
  const initialStatus = route.query.get('status') ?? '';
  const [filters, setFilters] = useState<Filters>({
    search: '',
    provider: '',
    account: route.query.get('account') ?? '',
    region: '',
    status: Health.safeParse(initialStatus).success ? initialStatus : '',
  });
  const deferred = useDeferredValue(filters);
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [key]: e.target.value }));

  const all = useMemo(() => targets.data ?? [], [targets.data]);
  const regions = useMemo(() => [...new Set(all.map((t) => t.region))].sort(), [all]);
  const shown = useMemo(() => {
    const needle = deferred.search.trim().toLowerCase();
    const list = all.filter((t) => matches(t, deferred, needle));
    // Unprotected and failing first: what needs doing is at the top.
    const rank = (t: TargetWithHealth) => (t.snapshotable ? healthOrder.indexOf(t.health) : healthOrder.length);
    return list.sort((a, b) => rank(a) - rank(b));
  }, [all, deferred]);

  const unprotected = all.filter((t) => t.health === 'unprotected' && t.snapshotable).length;

  return (
    <Page
      title="Volumes"
      description="Every volume and server in your accounts, with whether a rule protects it."
      actions={<RefreshButton />}
    >
      <div className="filters" role="search">
        <label className="filter grow">
          <span>Search</span>
          <input
            type="search"
            value={filters.search}
            onChange={set('search')}
            placeholder="Name, region, id, server or tag"
          />
        </label>
        <label className="filter">
          <span>Provider</span>
          <select value={filters.provider} onChange={set('provider')}>
            <option value="">All providers</option>
            {providerKinds.map((k) => (
              <option key={k} value={k}>
                {providerInfo[k].label}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Account</span>
          <select value={filters.account} onChange={set('account')}>
            <option value="">All accounts</option>
            {accounts.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Region</span>
          <select value={filters.region} onChange={set('region')}>
            <option value="">All regions</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Status</span>
          <select value={filters.status} onChange={set('status')}>
            <option value="">Any status</option>
            {healthOrder.map((h) => (
              <option key={h} value={h}>
                {healthLabel[h]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {targets.isPending && <Spinner label="Loading volumes…" />}
      {targets.isError && (
        <ErrorNotice error={targets.error} what="list your volumes" onRetry={() => void targets.refetch()} />
      )}
      {accounts.data?.length === 0 && (
        <p className="notice">
          No cloud accounts yet. <a href="#/accounts?add=1">Add an account</a> to see its volumes.
        </p>
      )}
      {targets.data && (
        <>
          <p className="muted table-summary" role="status">
            Showing {shown.length.toLocaleString()} of {plural(all.length, 'volume and server', 'volumes and servers')}
            {unprotected > 0 && <strong className="warn-text"> · {unprotected.toLocaleString()} not protected</strong>}
          </p>
          {all.length > 0 && shown.length === 0 && <p className="notice">Nothing matches these filters.</p>}
          {shown.length > 0 && (
            <VirtualTable
              label="Volumes"
              columns={columns}
              count={shown.length}
              row={(i) => shown[i]}
              rowKey={(i) => shown[i]?.id ?? i}
              rowClass={(t) =>
                t.snapshotable && t.health === 'unprotected'
                  ? 'row-unprotected'
                  : t.snapshotable
                    ? `row-${t.health}`
                    : 'row-unsupported'
              }
              rowHeight={52}
            />
          )}
        </>
      )}
    </Page>
  );
}
