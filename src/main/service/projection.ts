/**
 * The rule editor's steady-state projection: what a draft rule keeps per
 * target once it has run long enough (domain/projection.ts), over the targets
 * it covers now, with an estimated size and monthly cost, and the published
 * provider limits it would exceed (domain/snapshot-quotas.ts).
 */
import type { ProjectedStorage, RetentionProjection } from '../../shared/projection-contract';
import type { ParsedInputOf } from '../../shared/contract';
import type { ProviderKind, Retention, Target } from '../../shared/domain';
import { dayRunsFor, projectRetention, type DayRuns } from '../domain/projection';
import { validateRetention } from '../domain/retention';
import { validateSchedule } from '../domain/schedule';
import { quotaExcesses } from '../domain/snapshot-quotas';
import type { ServiceContext } from './context';
import type { Handlers } from './handlers';

type Input = ParsedInputOf<'rules:projectRetention'>;

export function projectionHandlers(ctx: ServiceContext) {
  return {
    'rules:projectRetention': (input) => projectRule(ctx, input),
  } satisfies Partial<Handlers>;
}

/** The draft's steady state over the targets it covers right now (none yet is fine: counts are per target). */
export function projectRule(ctx: ServiceContext, input: Input): RetentionProjection {
  validateSchedule(input.schedule);
  validateRetention(input.retention);
  const at = ctx.clock.now();
  const runsOf = dayRunsFor(input.schedule);
  const perTarget = projectRetention(input.schedule, input.retention, at, runsOf);
  const targets = coveredTargets(ctx, input).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  const providers = new Map(ctx.repos.accounts.list().map((a) => [a.id, a.provider]));
  const withProvider = targets.flatMap((t) => {
    const provider = providers.get(t.accountId);
    return provider ? [{ ...t, provider }] : [];
  });
  const excesses = quotaExcesses(perTarget.count, withProvider);
  return {
    perTarget,
    byPolicy: excesses.length ? byPolicy(input, at, runsOf) : [],
    targets: targets.length,
    firstTarget: targets[0] ? { id: targets[0].id, name: targets[0].name } : null,
    storage: storageOf(ctx, withProvider, perTarget.count),
    quotas: excesses.slice(0, 20).map((e) => ({
      provider: e.quota.provider,
      scope: e.quota.scope,
      limit: e.quota.limit,
      projected: e.projected,
      targets: e.targets,
      example: e.example,
      region: e.region,
      adjustable: e.quota.adjustable,
      source: e.quota.source,
    })),
  };
}

function coveredTargets(ctx: ServiceContext, input: Input): Target[] {
  const { repos } = ctx;
  const ids = input.selection
    ? repos.rules.targets.matching(input.selection)
    : input.targetId !== undefined
      ? [input.targetId]
      : [];
  return ids.map((id) => repos.targets.get(id)).filter((t): t is Target => t !== undefined);
}

/** Each enabled policy on its own, so a warning can say which one keeps too many. */
function byPolicy(input: Input, at: Date, runsOf: DayRuns): RetentionProjection['byPolicy'] {
  const none: Retention = { keepLast: null, keepDays: null, gfs: null };
  const { keepLast, keepDays, gfs } = input.retention;
  const alone: [RetentionProjection['byPolicy'][number]['policy'], Retention][] = [];
  if (keepLast !== null) alone.push(['keepLast', { ...none, keepLast }]);
  if (keepDays !== null) alone.push(['keepDays', { ...none, keepDays }]);
  if (gfs !== null && gfs.daily + gfs.weekly + gfs.monthly > 0) alone.push(['gfs', { ...none, gfs }]);
  return alone.map(([policy, retention]) => ({
    policy,
    state: projectRetention(input.schedule, retention, at, runsOf),
  }));
}

/**
 * Size per target: the average of its latest snapshots' provider-reported
 * sizes when there are any (what the provider bills), else its provisioned
 * size (an upper bound: snapshots of a half-empty volume are smaller), else
 * unknown and left out of the cost.
 */
function storageOf(
  ctx: ServiceContext,
  targets: (Target & { provider: ProviderKind })[],
  perTarget: number,
): ProjectedStorage[] {
  const prices = ctx.settings.get().pricePerGbMonth;
  const byProvider = new Map<ProviderKind, ProjectedStorage & { sizedGb: number }>();
  for (const t of targets) {
    const entry = byProvider.get(t.provider) ?? {
      provider: t.provider,
      targets: 0,
      sizedBySnapshots: 0,
      sizedByVolume: 0,
      unsized: 0,
      snapshotGb: null,
      totalGb: 0,
      monthlyCost: 0,
      sizedGb: 0,
    };
    byProvider.set(t.provider, entry);
    entry.targets++;
    const measured = ctx.repos.snapshots.recentAverageSizeGb(t.id);
    const size = measured ?? t.sizeGb;
    if (measured !== null) entry.sizedBySnapshots++;
    else if (t.sizeGb !== null) entry.sizedByVolume++;
    else entry.unsized++;
    if (size !== null) entry.sizedGb += size;
  }
  return [...byProvider.values()].slice(0, 10).map(({ sizedGb, ...entry }) => {
    const sized = entry.sizedBySnapshots + entry.sizedByVolume;
    const totalGb = sizedGb * perTarget;
    return {
      ...entry,
      snapshotGb: sized > 0 ? Math.round((sizedGb / sized) * 10) / 10 : null,
      totalGb: Math.round(totalGb * 10) / 10,
      monthlyCost: Math.round(totalGb * (prices[entry.provider] ?? 0) * 100) / 100,
    };
  });
}
