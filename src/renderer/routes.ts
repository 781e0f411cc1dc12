/** Hash routes: the window loads from file://, where path routing cannot work. */
import { useSyncExternalStore } from 'react';
import { mayLeave } from './lib/leave-guard';

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

/**
 * The route the app shows. A navigation (link, Back, typed address, `navigate`) becomes it only
 * when the leave guard lets it. Where the Navigation API exists the navigation is cancelled
 * before the address changes; otherwise the address is put back after the fact.
 */
let committed = currentHash();
const routeListeners = new Set<() => void>();
const hashOf = (url: string) => new URL(url).hash.replace(/^#/, '') || '/';

/** The part of the Navigation API used here (TypeScript's DOM library does not have it yet). */
interface NavigateEventLike extends Event {
  readonly hashChange: boolean;
  readonly navigationType: 'push' | 'replace' | 'reload' | 'traverse';
  readonly destination: { readonly url: string; readonly key: string };
}
interface NavigationLike extends EventTarget {
  traverseTo(key: string): unknown;
}
const navigation = (window as { navigation?: NavigationLike }).navigation;

navigation?.addEventListener('navigate', (event) => {
  const e = event as NavigateEventLike;
  if (!e.hashChange || !e.cancelable) return;
  const to = hashOf(e.destination.url);
  if (to === committed) return;
  const redo = e.navigationType === 'traverse' ? () => navigation.traverseTo(e.destination.key) : () => navigate(to);
  if (!mayLeave(to, redo)) e.preventDefault();
});

window.addEventListener('hashchange', () => {
  const next = currentHash();
  if (next === committed) return;
  if (!mayLeave(next, () => navigate(next))) {
    window.history.replaceState(window.history.state, '', `#${committed}`);
    return;
  }
  committed = next;
  for (const listener of routeListeners) listener();
});

function subscribe(onChange: () => void): () => void {
  routeListeners.add(onChange);
  return () => routeListeners.delete(onChange);
}

const committedHash = () => committed;

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
  const hash = useSyncExternalStore(subscribe, committedHash);
  return parseRoute(hash);
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/**
 * Shows `path` without a new history entry: a list's filters and sort live in
 * its URL (so Back and reload keep them), but typing in a search box must not
 * make Back step through every keystroke. The same page stays, so the leave
 * guard is not asked (replaceState raises no hashchange of its own).
 */
export function replaceRoute(path: string): void {
  window.history.replaceState(window.history.state, '', `#${path}`);
  if (path === committed) return;
  committed = path;
  for (const listener of routeListeners) listener();
}

/** Builds `path?key=value` leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
