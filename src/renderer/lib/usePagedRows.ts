/**
 * Rows of a long, server-paged list fetched only where the user looks: the
 * virtual table reports its visible range, and just those pages are queried
 * (plus the first, which carries the total). 100,000 rows cost a few pages.
 */
import { useCallback, useState } from 'react';
import { useQueries } from '@tanstack/react-query';

export const pageSize = 200;

export function usePagedRows<T>(
  key: readonly unknown[],
  fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>,
) {
  const [range, setRange] = useState<[number, number]>([0, 40]);
  const first = Math.floor(range[0] / pageSize);
  const last = Math.floor(range[1] / pageSize);
  const indexes = [0];
  for (let i = Math.max(first, 1); i <= last; i++) indexes.push(i);

  const pages = useQueries({
    queries: indexes.map((index) => ({
      queryKey: [...key, 'page', index],
      queryFn: () => fetchPage(index * pageSize, pageSize),
    })),
  });
  const byIndex = new Map(indexes.map((index, i) => [index, pages[i]]));
  const head = pages[0];

  const row = (i: number): T | undefined => byIndex.get(Math.floor(i / pageSize))?.data?.items[i % pageSize];
  const onRangeChange = useCallback((from: number, to: number) => {
    setRange((current) =>
      Math.floor(current[0] / pageSize) === Math.floor(from / pageSize) &&
      Math.floor(current[1] / pageSize) === Math.floor(to / pageSize)
        ? current
        : [from, to],
    );
  }, []);

  return {
    total: head?.data?.total,
    isPending: head?.isPending ?? true,
    error: pages.find((p) => p.error)?.error ?? null,
    refetch: () => void head?.refetch(),
    row,
    onRangeChange,
  };
}
