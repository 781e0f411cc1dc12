import type { SortDirection, SortState } from '../lib/sorting';

const ariaSort = { asc: 'ascending', desc: 'descending' } as const;

/**
 * A column header that sorts: a button (Enter or Space, or a click) inside a
 * columnheader that carries aria-sort, and an arrow that shows the direction
 * (a faint double arrow on columns that could sort but do not).
 */
export function SortHeader({
  columnKey,
  header,
  firstDir,
  sort,
  onSort,
}: {
  columnKey: string;
  header: string;
  firstDir: SortDirection;
  sort: SortState;
  onSort: (key: string, firstDir: SortDirection) => void;
}) {
  const active = sort.key === columnKey;
  return (
    <div role="columnheader" aria-sort={active ? ariaSort[sort.dir] : 'none'} className="sort-header">
      <button
        type="button"
        className={`sort-button${active ? ' sorted' : ''}`}
        onClick={() => onSort(columnKey, firstDir)}
        title={active ? `Sorted ${ariaSort[sort.dir]}; activate to reverse` : `Sort by ${header.toLowerCase()}`}
      >
        {header}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </div>
  );
}
