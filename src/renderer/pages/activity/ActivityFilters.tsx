import type { TargetWithHealth } from '../../../shared/contract';
import { snapshotStatuses, type Rule } from '../../../shared/domain';
import { snapshotStatusInfo } from './snapshotColumns';

/** The history tab being shown. */
export type HistoryTab = 'snapshots' | 'events';

/** Filter values as the selects hold them ('' means all); status applies to snapshots, level to events. */
export interface ActivityFilters {
  target: string;
  rule: string;
  status: string;
  level: string;
}

/**
 * The volume and rule filters, then status (snapshots tab) or level (events tab).
 * Choosing a volume clears the rule, whose choices are that volume's rules.
 */
export function ActivityFiltersBar({
  filters,
  setFilters,
  tab,
  targets,
  rules,
}: {
  filters: ActivityFilters;
  setFilters: (change: (filters: ActivityFilters) => ActivityFilters) => void;
  tab: HistoryTab;
  targets: TargetWithHealth[];
  rules: Rule[];
}) {
  const set = (key: keyof ActivityFilters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [key]: e.target.value }));
  return (
    <div className="filters" role="search">
      <label className="filter grow">
        <span>Volume</span>
        <select
          value={filters.target}
          onChange={(e) => setFilters((f) => ({ ...f, target: e.target.value, rule: '' }))}
        >
          <option value="">All volumes</option>
          {targets.map((t) => (
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
          {rules.map((r) => (
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
                {snapshotStatusInfo[s].label}
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
  );
}
