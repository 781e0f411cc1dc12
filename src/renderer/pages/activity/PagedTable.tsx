import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Status';
import { VirtualTable, type Column, type ScrollRequest, type TableSort } from '../../components/VirtualTable';
import { plural } from '../../lib/format';
import type { usePagedRows } from '../../lib/usePagedRows';

/**
 * A virtualised table over rows fetched a page at a time: the total first, then rows as they
 * scroll into view. An error before the total is known replaces the table; after, it sits above it.
 */
export function PagedTable<T extends { id: number }>({
  label,
  paged,
  noun,
  columns,
  empty,
  sort,
  scrollTo,
}: {
  label: string;
  /** The count's noun, singular and plural: "1 snapshot", "2 snapshots". */
  noun: [string, string];
  paged: ReturnType<typeof usePagedRows<T>>;
  columns: Column<T>[];
  empty: string;
  sort?: TableSort;
  scrollTo?: ScrollRequest | null;
}) {
  if (paged.isPending) return <Spinner label={`Loading ${label.toLowerCase()}…`} />;
  if (paged.error && paged.total === undefined)
    return <ErrorNotice error={paged.error} what={`load the ${label.toLowerCase()}`} onRetry={paged.refetch} />;
  const total = paged.total ?? 0;
  return (
    <>
      <p className="muted table-summary" role="status">
        {plural(total, ...noun)}
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
          sort={sort}
          scrollTo={scrollTo}
        />
      )}
    </>
  );
}
