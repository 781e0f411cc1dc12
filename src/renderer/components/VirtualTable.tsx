/**
 * A virtualised table: only the rows in view are in the DOM, so 5,000 volumes
 * or 100,000 snapshots scroll like 50. ARIA table roles keep it readable by
 * assistive technology (aria-rowcount / aria-rowindex give the true size).
 */
import { useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SortDirection, SortState } from '../lib/sorting';
import { SortHeader } from './SortHeader';

export interface Column<T> {
  key: string;
  header: string;
  /** CSS grid track, e.g. `2fr` or `120px`. */
  width: string;
  cell: (row: T) => ReactNode;
  /** Hidden below this viewport width (px) so 800x600 stays readable. */
  hideBelow?: 1000 | 1200;
  /** The column sorts, starting in this direction (names ascending, times newest first). */
  sortFirst?: SortDirection;
}

/** How the table is sorted and what to do when a sortable header is activated. */
export interface TableSort {
  state: SortState;
  onSort: (key: string, firstDir: SortDirection) => void;
}

/** A row to bring to the top of the view (e.g. "jump to a date"); a new `seq` scrolls again. */
export interface ScrollRequest {
  index: number;
  seq: number;
}

export function VirtualTable<T>({
  label,
  columns,
  count,
  row,
  rowKey,
  rowClass,
  rowHeight = 44,
  onRangeChange,
  sort,
  scrollTo,
}: {
  label: string;
  columns: Column<T>[];
  count: number;
  /** The row at an index, or undefined while its page is loading. */
  row: (index: number) => T | undefined;
  rowKey: (index: number) => string | number;
  rowClass?: (row: T) => string;
  rowHeight?: number;
  onRangeChange?: (first: number, last: number) => void;
  sort?: TableSort;
  scrollTo?: ScrollRequest | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer is mutable by design; this component is not memoised, so it always renders current rows.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    getItemKey: rowKey,
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      if (onRangeChange && items.length > 0) onRangeChange(items[0]!.index, items[items.length - 1]!.index);
    },
  });
  useEffect(() => {
    if (scrollTo) virtualizer.scrollToIndex(scrollTo.index, { align: 'start' });
  }, [scrollTo, virtualizer]);
  const width = useViewportWidth();
  const shown = columns.filter((c) => !c.hideBelow || width >= c.hideBelow);
  const template = shown.map((c) => c.width).join(' ');

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={count + 1}>
      <TableHead columns={shown} template={template} sort={sort} />
      <div className="vtable-body" ref={scrollRef} role="rowgroup" tabIndex={0} aria-label={`${label}, scrollable`}>
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const data = row(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`vtable-row ${data && rowClass ? rowClass(data) : ''}${scrollTo?.index === item.index ? ' row-jumped' : ''}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: rowHeight }}
              >
                {data ? (
                  shown.map((c) => (
                    <div key={c.key} role="cell">
                      {c.cell(data)}
                    </div>
                  ))
                ) : (
                  <div role="cell" className="muted loading-cell">
                    Loading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The header row: plain column headers, or sort buttons where the column sorts and the table has a sort. */
function TableHead<T>({ columns, template, sort }: { columns: Column<T>[]; template: string; sort?: TableSort }) {
  return (
    <div className="vtable-head" role="rowgroup">
      <div className="vtable-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {columns.map((c) =>
          sort && c.sortFirst ? (
            <SortHeader
              key={c.key}
              columnKey={c.key}
              header={c.header}
              firstDir={c.sortFirst}
              sort={sort.state}
              onSort={sort.onSort}
            />
          ) : (
            <div key={c.key} role="columnheader">
              {c.header}
            </div>
          ),
        )}
      </div>
    </div>
  );
}

const subscribeResize = (onChange: () => void) => {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
};

export function useViewportWidth(): number {
  return useSyncExternalStore(subscribeResize, () => window.innerWidth);
}
