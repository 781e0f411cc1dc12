import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { TargetSelection } from '../../../shared/domain';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDebounced } from '../../lib/useDebounced';
import { plural } from '../../lib/format';

/** What the selection covers right now (live, with counts), and a warning when other rules already cover some of it. */
export function LiveMatches({ selection, ruleId }: { selection: TargetSelection | null; ruleId: number | null }) {
  // Debounced as text: a fresh object each render would never settle.
  const settledText = useDebounced(selection ? JSON.stringify(selection) : '');
  const settled = settledText ? (JSON.parse(settledText) as TargetSelection) : null;
  const matches = useQuery({
    queryKey: ['rules', 'match', settledText, ruleId],
    queryFn: () => api.rules.matchTargets({ selection: settled!, ...(ruleId !== null ? { ruleId } : {}) }),
    enabled: settled !== null,
    retry: false,
  });
  if (!settled) return null;
  if (matches.isError) return <ErrorNotice error={matches.error} what="find the matching volumes" />;
  if (!matches.data) return <p className="muted small">Finding matching volumes…</p>;
  const { count, sample, overlaps, overlapping } = matches.data;
  return (
    <div className="live-matches" aria-live="polite">
      <p role="status">
        <strong>Matches {plural(count, 'volume or server', 'volumes and servers')} right now.</strong>
      </p>
      {sample.length > 0 && (
        <ul className="match-sample" aria-label="Matching volumes">
          {sample.slice(0, 12).map((t) => (
            <li key={t.id}>
              {t.name}{' '}
              <span className="muted small">
                — {t.accountName}, {t.region}
              </span>
              {t.goneSince && <span className="muted small"> (gone)</span>}
            </li>
          ))}
          {count > 12 && <li className="muted small">and {(count - 12).toLocaleString()} more</li>}
        </ul>
      )}
      {overlapping > 0 && (
        <p className="notice notice-warning" role="alert">
          {plural(overlapping, 'of these is', 'of these are')} already protected by another rule (
          {overlaps.map((o) => `"${o.ruleName}" ${o.shared}`).join(', ')}): this rule would double their snapshots.
        </p>
      )}
    </div>
  );
}
