/** Hash routes: the window loads from file://, where path routing cannot work. */
import { useEffect, useState } from 'react';

export const pages = [
  { path: '/', label: 'Overview' },
  { path: '/accounts', label: 'Accounts' },
  { path: '/volumes', label: 'Volumes' },
  { path: '/rules', label: 'Rules' },
  { path: '/activity', label: 'Activity' },
  { path: '/settings', label: 'Settings' },
] as const;

const current = () => window.location.hash.replace(/^#/, '') || '/';

export function useRoute(): string {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(path: string): void {
  window.location.hash = path;
}
