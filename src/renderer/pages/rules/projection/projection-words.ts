/**
 * The sentences of the steady-state projection and its quota warnings, built
 * from main's numbers. Pure, so the wording is unit-tested without a browser.
 */
import type { Retention } from '../../../../shared/domain';
import type { QuotaWarning, RetentionProjection, SteadyState } from '../../../../shared/projection-contract';
import { providerInfo } from '../../../../shared/providers';
import { plural } from '../../../lib/format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "about 11 months", "3 weeks", "a few minutes": how long a rule runs before it keeps its steady state. */
export function formatSpan(ms: number): string {
  if (ms < HOUR) return 'less than an hour';
  if (ms < 2 * DAY) return `about ${plural(Math.round(ms / HOUR), 'hour')}`;
  if (ms < 21 * DAY) return `about ${plural(Math.round(ms / DAY), 'day')}`;
  if (ms < 90 * DAY) return `about ${plural(Math.round(ms / (7 * DAY)), 'week')}`;
  if (ms < 730 * DAY) return `about ${plural(Math.round(ms / (30.44 * DAY)), 'month')}`;
  return `about ${plural(Math.round(ms / (365.25 * DAY)), 'year')}`;
}

const amount = (state: SteadyState) => `${state.atLeast ? 'at least' : 'about'} ${state.count.toLocaleString()}`;

/** "Will keep about 2,890 snapshots per volume (after about 11 months of running)." */
export function steadyStateSentence(state: SteadyState): string {
  const what = state.count === 1 ? 'snapshot' : 'snapshots';
  if (state.count === 0) return 'Will keep no snapshots: the schedule has no run in the next ten years.';
  const when =
    state.reachedAfterMs === 0
      ? 'from the first run'
      : `after ${state.atLeast ? 'more than ' : ''}${formatSpan(state.reachedAfterMs)} of running`;
  return `Will keep ${amount(state)} ${what} per volume once the rule has run long enough (${when}).`;
}

/** "× 5 volumes: about 14,450 snapshots in all." (nothing for one target). */
export function totalSentence(projection: RetentionProjection): string | null {
  const { perTarget, targets } = projection;
  if (targets <= 1) return null;
  const total = { ...perTarget, count: perTarget.count * targets };
  return `× ${plural(targets, 'volume')}: ${amount(total)} snapshots in all.`;
}

const policyWords = (policy: RetentionProjection['byPolicy'][number]['policy'], retention: Retention): string => {
  if (policy === 'keepLast') return `keeping the last ${retention.keepLast ?? ''}`.trim();
  if (policy === 'keepDays') return `keeping ${plural(retention.keepDays ?? 0, 'day')}`;
  return 'the daily, weekly and monthly copies';
};

/** What the limit is and by how much the rule exceeds it. */
export function quotaHeadline(q: QuotaWarning): string {
  const provider = providerInfo[q.provider].label;
  const over = (q.projected - q.limit).toLocaleString();
  if (q.scope === 'target') {
    const which = q.targets > 1 ? ` on each of ${plural(q.targets, 'volume')} (e.g. ${q.example})` : ` of ${q.example}`;
    return `${provider} stores at most ${q.limit.toLocaleString()} snapshots of a volume. This rule would keep about ${q.projected.toLocaleString()}${which}: ${over} over the limit.`;
  }
  return `${provider} allows ${q.limit.toLocaleString()} snapshots per region${q.adjustable ? ' by default' : ''}. This rule alone would keep about ${q.projected.toLocaleString()} in ${q.region ?? 'one region'} (${plural(q.targets, 'volume')}, e.g. ${q.example}): ${over} over, before counting other snapshots there.`;
}

/** What to change: the policies that alone keep more than the limit allows per volume, with their counts. */
export function quotaAdvice(q: QuotaWarning, projection: RetentionProjection, retention: Retention): string {
  const perVolume = q.scope === 'target' ? q.limit : Math.floor(q.limit / Math.max(1, q.targets));
  const culprits = projection.byPolicy.filter((p) => p.state.count > perVolume);
  const listed = (culprits.length ? culprits : projection.byPolicy)
    .map((p) => `${policyWords(p.policy, retention)} keeps ${amount(p.state)} on its own`)
    .join('; ');
  const raise = q.adjustable ? ` Or ask ${providerInfo[q.provider].label} to raise the quota.` : '';
  return `To stay within ${perVolume.toLocaleString()} per volume, keep fewer snapshots or take them less often (${listed}).${raise}`;
}
