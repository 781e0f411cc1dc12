import { useEffect, useRef } from 'react';
import { pages, useRoute, type Route } from './routes';
import { useSettings } from './lib/data';
import { OverviewPage } from './pages/Overview';
import { AccountsPage } from './pages/Accounts';
import { VolumesPage } from './pages/Volumes';
import { RulesPage } from './pages/Rules';
import { RuleEditorPage } from './pages/RuleEditor';
import { ActivityPage } from './pages/Activity';
import { SettingsPage } from './pages/Settings';
import { PauseBanner } from './components/PauseBanner';
import { SnapshotDetailHost } from './pages/snapshots/SnapshotDetailHost';
import { SnapshotsWithoutRulePage } from './pages/snapshots/SnapshotsWithoutRulePage';

function pageFor(route: Route) {
  const { path } = route;
  if (path === '/rules/new')
    return <RuleEditorPage key={`new-${route.query.get('target') ?? ''}`} ruleId={null} route={route} />;
  const ruleMatch = /^\/rules\/(\d+)$/.exec(path);
  if (ruleMatch) return <RuleEditorPage key={ruleMatch[1]} ruleId={Number(ruleMatch[1])} route={route} />;
  switch (path) {
    case '/activity/without-rule':
      return <SnapshotsWithoutRulePage />;
    case '/accounts':
      return <AccountsPage route={route} />;
    case '/volumes':
      return <VolumesPage route={route} />;
    case '/rules':
      return <RulesPage />;
    case '/activity':
      return <ActivityPage route={route} />;
    case '/settings':
      return <SettingsPage />;
    default:
      return <OverviewPage />;
  }
}

/** Follows the theme setting: 'system' leaves it to prefers-color-scheme. */
function useTheme() {
  const settings = useSettings();
  const theme = settings.data?.theme;
  useEffect(() => {
    if (!theme) return;
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

export function App() {
  const route = useRoute();
  useTheme();
  const active =
    pages.find((p) => route.path === p.path || (p.path !== '/' && route.path.startsWith(`${p.path}/`))) ?? pages[0];

  // Moving between pages puts focus on the new page's heading, as a screen reader user expects.
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.path]);

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => (e.preventDefault(), mainRef.current?.querySelector<HTMLElement>('h1')?.focus())}
      >
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          volsnap
        </div>
        <ul>
          {pages.map((p) => (
            <li key={p.path}>
              <a href={`#${p.path}`} aria-current={p === active ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main-content" ref={mainRef}>
        <PauseBanner />
        <SnapshotDetailHost>{pageFor(route)}</SnapshotDetailHost>
      </main>
    </div>
  );
}
