/**
 * Contract channels for snapshots without a rule and the snapshot detail
 * (issue 15 item 7): what deleting a rule would leave, the view of snapshots
 * no rule owns, their deletion, and one snapshot's detail (console link,
 * restore steps). Spread into `invokeChannels` in contract.ts.
 */
import { z } from 'zod';
import { ProviderKind, Snapshot, TargetKind, id, text } from './domain';

const count = z.number().int().nonnegative();

/** How many snapshots, and their size as the provider reported it. */
export const SnapshotsSize = z.object({
  count,
  sizeGb: z.number().nonnegative(),
  /** How many have no size on record (not in `sizeGb`). */
  unknownSize: count,
});
export type SnapshotsSize = z.infer<typeof SnapshotsSize>;

/** What deleting a rule would leave at the provider, for its confirmation dialog. */
export const RuleSnapshotsImpact = SnapshotsSize.extend({
  /** Runs still being made or deleted: they finish first and are kept. */
  inProgress: count,
});
export type RuleSnapshotsImpact = z.infer<typeof RuleSnapshotsImpact>;

/** Why a snapshot volsnap made belongs to no rule. */
export const WithoutRuleCause = z.enum(['rule_deleted', 'left_rule', 'unknown']);
export type WithoutRuleCause = z.infer<typeof WithoutRuleCause>;

export const SnapshotWithoutRule = Snapshot.extend({
  targetName: text(300),
  accountName: text(100),
  provider: ProviderKind,
  /** The rule that made it, as it was named then; null when volsnap did not know yet (an older record). */
  formerRuleName: text(100).nullable(),
  cause: WithoutRuleCause,
  /** Why the last deletion you asked for did not happen; null when none failed. */
  deletionError: text(2000).nullable(),
});
export type SnapshotWithoutRule = z.infer<typeof SnapshotWithoutRule>;

export const SnapshotDetail = SnapshotWithoutRule.extend({
  targetKind: TargetKind,
  region: text(100),
  ruleName: text(100).nullable(),
  /** The provider's console page for it (https, on the provider's host); null for the demo cloud. */
  consoleUrl: text(1000).nullable(),
  /** How to restore from it with this provider, one step per item. */
  restoreSteps: z.array(text(600)).max(10),
  /** Its run failed and its rule still exists: "Retry" runs the rule now. */
  retryRuleId: id.nullable(),
});
export type SnapshotDetail = z.infer<typeof SnapshotDetail>;

export const snapshotChannels = {
  /** What deleting the rule would leave at the provider (count, size, runs in progress). */
  'rules:deletionImpact': { input: z.object({ id }), output: RuleSnapshotsImpact },
  /** Snapshots volsnap made that no rule owns any more, newest first, with their count and size. */
  'snapshots:withoutRule': {
    input: z.object({
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ items: z.array(SnapshotWithoutRule), total: count, size: SnapshotsSize }),
  },
  /** Just the count and size, for the Overview. */
  'snapshots:withoutRuleSummary': { input: z.undefined(), output: SnapshotsSize },
  'snapshots:detail': { input: z.object({ id }), output: SnapshotDetail },
  /**
   * Deletes these snapshots at the provider in the background (only volsnap's
   * own; each deletion recorded; a failure kept on the snapshot with its
   * reason). Answers at once with what was started and what was refused.
   */
  'snapshots:delete': {
    input: z.object({ ids: z.array(id).min(1, 'Choose at least one snapshot').max(500) }),
    output: z.object({
      started: count,
      refused: z.array(z.object({ id, reason: text(600) })).max(500),
    }),
  },
} as const;
