/**
 * A list's filters and sort kept in its URL (`#/volumes?status=failing&sort=name`):
 * Back returns to the same filtered, sorted list, a reload keeps it, and a link
 * can point at it. Values equal to their default are left out of the URL.
 */
import { useCallback } from 'react';
import { replaceRoute, type Route } from '../routes';

export type ListParams<K extends string> = Record<K, string>;

/** The list's parameters read from the route (defaults for the missing ones) and a setter that rewrites the URL in place. */
export function useListParams<K extends string>(
  route: Route,
  defaults: ListParams<K>,
): [ListParams<K>, (change: Partial<ListParams<K>>) => void] {
  const values = Object.fromEntries(
    (Object.keys(defaults) as K[]).map((key) => [key, route.query.get(key) ?? defaults[key]]),
  ) as ListParams<K>;
  const set = useCallback(
    (change: Partial<ListParams<K>>) => {
      // Read the URL now, not the render's route: two changes in one event must both land.
      const [path = '/', query = ''] = window.location.hash.replace(/^#/, '').split('?');
      const params = new URLSearchParams(query);
      for (const [key, value] of Object.entries(change) as [K, string | undefined][]) {
        if (value === undefined || value === defaults[key]) params.delete(key);
        else params.set(key, value);
      }
      const qs = params.toString();
      replaceRoute(qs ? `${path}?${qs}` : path);
    },
    // The defaults are constants of each page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return [values, set];
}
