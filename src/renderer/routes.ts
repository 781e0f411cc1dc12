/** Hash routes: the window loads from file://, where path routing cannot work. */
import { useSyncExternalStore } from 'react';

export const pages = [
  { path: '/', label: 'Overview' },
  { path: '/accounts', label: 'Accounts' },
  { path: '/volumes', label: 'Volumes' },
  { path: '/rules', label: 'Rules' },
  { path: '/activity', label: 'Activity' },
  { path: '/settings', label: 'Settings' },
] as const;

export interface Route {
  /** The path without the query, e.g. `/rules/12`. */
  path: string;
  query: URLSearchParams;
}

const currentHash = () => window.location.hash.replace(/^#/, '') || '/';

/** Fired by replaceRoute: replacing the history entry raises no hashchange of its own. */
const replacedEvent = 'volsnap:route-replaced';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(replacedEvent, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(replacedEvent, onChange);
  };
}

const parsed = new Map<string, Route>();
/** Parses `/path?a=b`; cached per hash so the route object is stable between renders. */
export function parseRoute(hash: string): Route {
  let route = parsed.get(hash);
  if (!route) {
    const [path = '/', query = ''] = hash.split('?');
    route = { path: path || '/', query: new URLSearchParams(query) };
    parsed.set(hash, route);
  }
  return route;
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseRoute(hash);
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/**
 * Shows `path` without a new history entry: a list's filters and sort live in
 * its URL (so Back and reload keep them), but typing in a search box must not
 * make Back step through every keystroke.
 */
export function replaceRoute(path: string): void {
  window.history.replaceState(window.history.state, '', `#${path}`);
  window.dispatchEvent(new Event(replacedEvent));
}

/** Builds `path?key=value` leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
