import type { KeyboardEvent } from 'react';
import type { SortState } from '../../lib/sorting';
import type { ActivityFilters, HistoryTab } from './ActivityFilters';
import { EventList, SnapshotList } from './HistoryLists';

const tabs = ['snapshots', 'events'] as const;

/**
 * The Snapshots / Events tabs (arrow keys switch, as the ARIA tabs pattern asks) and the
 * list of the chosen one. A list is keyed by the filters so a change starts it afresh.
 */
export function HistoryTabs({
  tab,
  onTab,
  filters,
  sort,
  onSort,
}: {
  tab: HistoryTab;
  onTab: (tab: HistoryTab) => void;
  filters: ActivityFilters;
  /** The shown list's sort; the events list sorts by time only. */
  sort: SortState;
  onSort: (sort: SortState) => void;
}) {
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = tab === 'snapshots' ? 'events' : 'snapshots';
      onTab(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label="History" onKeyDown={onTabKey}>
        {tabs.map((t) => (
          <button
            key={t}
            id={`tab-${t}`}
            type="button"
            role="tab"
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className="tab"
            onClick={() => onTab(t)}
          >
            {t === 'snapshots' ? 'Snapshots' : 'Events'}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'snapshots' ? (
          <SnapshotList key={JSON.stringify(filters)} filters={filters} sort={sort} onSort={onSort} />
        ) : (
          <EventList key={JSON.stringify(filters)} filters={filters} sort={sort} onSort={onSort} />
        )}
      </div>
    </>
  );
}
