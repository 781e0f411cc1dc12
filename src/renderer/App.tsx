import { useEffect } from 'react';
import { api } from './api';
import { navigate, pages, useRoute } from './routes';
import { Placeholder } from './pages/Placeholder';

const descriptions: Record<string, string> = {
  '/': 'The protection status of every volume and server, what runs next, and what needs your attention.',
  '/accounts': 'Your cloud accounts: add DigitalOcean, Scaleway, Hetzner or the demo cloud, and check their tokens.',
  '/volumes': 'Every volume and server across your accounts, with its protection status.',
  '/rules': 'Snapshot rules: when to snapshot, how long to keep snapshots, and what to call them.',
  '/activity': 'The history of runs, snapshots and deletions.',
  '/settings': 'Notifications, start at login, theme, concurrency, and where volsnap keeps its data.',
};

export function App() {
  const route = useRoute();
  const page = pages.find((p) => route === p.path || (p.path !== '/' && route.startsWith(`${p.path}/`))) ?? pages[0];

  // The shell may ask for a route, e.g. when a notification is clicked.
  useEffect(() => api.on('app:navigate', ({ path }) => navigate(path)), []);

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">volsnap</div>
        <ul>
          {pages.map((p) => (
            <li key={p.path}>
              <a href={`#${p.path}`} aria-current={p === page ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <Placeholder title={page.label} description={descriptions[page.path] ?? ''} />
      </main>
    </div>
  );
}
