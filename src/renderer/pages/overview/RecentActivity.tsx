import type { Overview } from '../../../shared/contract';
import { ActivityLine } from '../activity/ActivityLine';

/** The latest activity entries, with a link to all of them. */
export function RecentActivity({ recent }: { recent: Overview['recent'] }) {
  return (
    <section className="panel recent-activity" aria-labelledby="recent-activity">
      <h2 id="recent-activity">Recent activity</h2>
      {recent.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ul className="plain-list">
          {recent.map((entry) => (
            <li key={entry.id}>
              <ActivityLine entry={entry} />
            </li>
          ))}
        </ul>
      )}
      <a href="#/activity">All activity</a>
    </section>
  );
}
