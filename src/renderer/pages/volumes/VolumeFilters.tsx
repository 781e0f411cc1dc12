import { useDeferredValue, useMemo } from 'react';
import type { TargetWithHealth } from '../../../shared/contract';
import { providerKinds, type Account } from '../../../shared/domain';
import { providerInfo } from '../../../shared/providers';
import { healthLabel, healthOrder } from '../../components/Status';
import { sortRows, type SortState } from '../../lib/sorting';
import { volumeComparator } from './volumeSort';

export interface VolumeFilters {
  search: string;
  provider: string;
  account: string;
  region: string;
  status: string;
}

const matches = (t: TargetWithHealth, f: VolumeFilters, needle: string): boolean =>
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

/**
 * The volumes that match the filters, in the chosen order (by default what needs doing first).
 * Filtering follows a deferred copy of the filters so typing in the search box stays responsive
 * with thousands of volumes.
 */
export function useShownVolumes(all: TargetWithHealth[], filters: VolumeFilters, sort: SortState): TargetWithHealth[] {
  const deferred = useDeferredValue(filters);
  return useMemo(() => {
    const needle = deferred.search.trim().toLowerCase();
    return sortRows(
      all.filter((t) => matches(t, deferred, needle)),
      volumeComparator(sort.key),
      sort.dir,
    );
  }, [all, deferred, sort.key, sort.dir]);
}

/** The search box and the provider, account, region and status filters above the volumes table. */
export function VolumeFiltersBar({
  filters,
  onChange,
  accounts,
  regions,
}: {
  filters: VolumeFilters;
  onChange: (key: keyof VolumeFilters, value: string) => void;
  accounts: Pick<Account, 'id' | 'name'>[] | undefined;
  regions: string[];
}) {
  const set = (key: keyof VolumeFilters) => (e: { target: { value: string } }) => onChange(key, e.target.value);
  return (
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
          {accounts?.map((a) => (
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
  );
}
