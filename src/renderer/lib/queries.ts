/**
 * Query keys and the live-update wiring. Every key starts with the area name
 * that `data:changed` announces, so one invalidation per area refreshes
 * everything that shows it.
 */
import { QueryClient } from '@tanstack/react-query';
import { AppError } from '../../shared/errors';
import type { PayloadOf } from '../../shared/contract';

export type Area = PayloadOf<'data:changed'>['areas'][number];

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live updates come from main (data:changed); focus refetches would only add load.
        refetchOnWindowFocus: false,
        // AppErrors are answers (not found, unsupported, token rejected): retrying will not change them.
        retry: (count, error) => !(error instanceof AppError) && count < 2,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}

/** Areas whose data another area's page derives from (e.g. rule health shows on targets). */
const alsoAffects: Partial<Record<Area, Area[]>> = {
  rules: ['targets', 'overview'],
  snapshots: ['targets', 'overview'],
  settings: ['rules'],
};

/** A query's first fetch, still in flight: its answer may predate the change being announced. */
const firstFetchInFlight = (query: { state: { data: unknown; fetchStatus: string } }) =>
  query.state.data === undefined && query.state.fetchStatus === 'fetching';

export function invalidateAreas(client: QueryClient, areas: readonly Area[]): void {
  const all = new Set<Area>(areas);
  for (const area of areas) for (const extra of alsoAffects[area] ?? []) all.add(extra);
  for (const area of all) {
    // React Query lets a first fetch in flight stand when invalidated (it cancels only refetches
    // of data it already has), so an answer read just before the change would stay: cancel it,
    // then invalidate, which fetches again.
    void client
      .cancelQueries({ queryKey: [area], predicate: firstFetchInFlight })
      .then(() => client.invalidateQueries({ queryKey: [area] }));
  }
}
