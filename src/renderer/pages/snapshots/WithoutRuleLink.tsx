import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { describeSnapshots } from '../../lib/sizes';

export const useWithoutRuleSummary = () =>
  useQuery({ queryKey: ['snapshots', 'without-rule-summary'], queryFn: () => api.snapshots.withoutRuleSummary() });

/** Activity's way to the snapshots no rule owns (always there; says how many). */
export function WithoutRuleLink() {
  const summary = useWithoutRuleSummary().data;
  return (
    <p className="without-rule-link">
      <a href="#/activity/without-rule">Snapshots without a rule</a>
      {summary && <span className="muted"> · {describeSnapshots(summary)}</span>}
    </p>
  );
}

/** The Overview's note, only while some exist. */
export function WithoutRuleNotice() {
  const summary = useWithoutRuleSummary().data;
  if (!summary || summary.count === 0) return null;
  return (
    <p className="notice without-rule-notice">
      {describeSnapshots(summary)} without a rule: no rule keeps or cleans them up.{' '}
      <a href="#/activity/without-rule">Review snapshots without a rule</a>
    </p>
  );
}
