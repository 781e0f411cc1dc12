/**
 * Contract channel for the rule editor's steady-state projection (issue 15):
 * how many snapshots a rule keeps per target once it has run long enough, its
 * size and monthly cost, and the published provider limits it would exceed.
 * Spread into `invokeChannels` in contract.ts.
 */
import { z } from 'zod';
import { ProviderKind, Retention, Schedule, TargetSelection, id, text } from './domain';

const count = z.number().int().nonnegative();

/** A published provider limit the rule's steady state would exceed. */
export const QuotaWarning = z.object({
  provider: ProviderKind,
  /** Per volume, or per account and region (where this rule's snapshots are all that is counted). */
  scope: z.enum(['target', 'region']),
  limit: count,
  /** What the rule would keep where the limit applies. */
  projected: count,
  targets: count,
  /** The first affected target by name. */
  example: text(300),
  region: text(100).nullable(),
  adjustable: z.boolean(),
  /** The provider's page that publishes the limit (https). */
  source: text(300),
});
export type QuotaWarning = z.infer<typeof QuotaWarning>;

/** What one target keeps in the steady state, also for each policy on its own (to say what to change). */
export const SteadyState = z.object({
  count,
  /** True when the count is a lower bound (the projection stops at ten years or 10,000 snapshots). */
  atLeast: z.boolean(),
  /** How long the rule runs before it keeps that many. */
  reachedAfterMs: z.number().nonnegative(),
});
export type SteadyState = z.infer<typeof SteadyState>;

/** The estimated size and cost of what is kept, per provider (each has its own price). */
export const ProjectedStorage = z.object({
  provider: ProviderKind,
  targets: count,
  /** How each target's snapshot size was estimated: its existing snapshots' average, its provisioned size, or not at all. */
  sizedBySnapshots: count,
  sizedByVolume: count,
  unsized: count,
  /** Average estimated size of one snapshot over the sized targets. */
  snapshotGb: z.number().nonnegative().nullable(),
  totalGb: z.number().nonnegative(),
  monthlyCost: z.number().nonnegative(),
});
export type ProjectedStorage = z.infer<typeof ProjectedStorage>;

export const RetentionProjection = z.object({
  perTarget: SteadyState,
  /** Per policy alone, when a limit is exceeded: which one to change. */
  byPolicy: z.array(z.object({ policy: z.enum(['keepLast', 'keepDays', 'gfs']), state: SteadyState })).max(3),
  targets: count,
  firstTarget: z.object({ id, name: text(300) }).nullable(),
  storage: z.array(ProjectedStorage).max(10),
  quotas: z.array(QuotaWarning).max(20),
});
export type RetentionProjection = z.infer<typeof RetentionProjection>;

export const projectionChannels = {
  /** The steady state of a draft rule over its targets (one target, a fixed set or a selector). */
  'rules:projectRetention': {
    input: z.object({
      schedule: Schedule,
      retention: Retention,
      targetId: id.optional(),
      selection: TargetSelection.optional(),
    }),
    output: RetentionProjection,
  },
} as const;
