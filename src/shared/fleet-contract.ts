/**
 * Contract channels for rules over many targets (issue 12): live selector
 * matches with overlap, slot progress, bulk enable/disable, duplicate,
 * export/import of rules, and the discovery schedule. Spread into
 * `invokeChannels` in contract.ts.
 */
import { z } from 'zod';
import { Rule, TargetKind, TargetSelection, id, isoTime, text } from './domain';
import { RulesDocument } from './rules-format';

const count = z.number().int().nonnegative();
const ok = z.object({ ok: z.literal(true) });

export const SlotProgress = z.object({
  slotAt: isoTime,
  total: count,
  done: count,
  failed: count,
  running: count,
});
export type SlotProgress = z.infer<typeof SlotProgress>;

/** How many targets a rule covers now and how its latest slot is going. */
export const RuleProgress = z.object({ ruleId: id, targets: count, slot: SlotProgress.nullable() });
export type RuleProgress = z.infer<typeof RuleProgress>;

export const TargetMatch = z.object({
  id,
  name: text(300),
  accountName: text(100),
  region: text(100),
  kind: TargetKind,
  goneSince: isoTime.nullable(),
});

/** What a selection covers right now, and which other rules already cover some of it. */
export const SelectionMatches = z.object({
  count,
  /** The first matches, by name (the editor shows a sample, the count is exact). */
  sample: z.array(TargetMatch),
  overlaps: z.array(z.object({ ruleId: id, ruleName: text(100), shared: count })),
  /** Targets of the selection already covered by at least one other rule. */
  overlapping: count,
});
export type SelectionMatches = z.infer<typeof SelectionMatches>;

export { PortableRule, PortableSelection, PortableTarget, RulesDocument } from './rules-format';

/** An upload of a rules file's text in parts, each under the contract's input limit. */
export const ImportUploadId = z.string().regex(/^[a-z0-9-]{8,64}$/);
/** The most characters one part of an upload carries (its JSON encoding stays below the input limit). */
export const importPartChars = 16_000;
/** A rules file larger than this is refused (about 10,000 rules over large target sets). */
export const maxImportChars = 64 * 1024 * 1024;

export const ImportPlan = z.object({
  /** Rules that would be (or were) created, and changed (same name as an existing rule). */
  create: z.array(text(100)),
  change: z.array(text(100)),
  unchanged: z.array(text(100)),
  /** Why a rule cannot be imported; any error means nothing is applied. */
  errors: z.array(
    z.object({
      index: count,
      name: text(100),
      /** Where in the rule, e.g. "schedule.time" or "selection.targets.0"; null for the rule as a whole. */
      field: text(200).nullable(),
      message: text(2000),
    }),
  ),
  applied: z.boolean(),
  /** The file's format version (1: the command line's older one-target format). */
  version: z.union([z.literal(1), z.literal(2)]),
});
export type ImportPlan = z.infer<typeof ImportPlan>;

export const DiscoveryState = z.object({
  /** Minutes between automatic refreshes of every account's targets. */
  intervalMinutes: z.number().int().min(5).max(1440),
  lastRunAt: isoTime.nullable(),
  nextRunAt: isoTime.nullable(),
});
export type DiscoveryState = z.infer<typeof DiscoveryState>;

/** One thing on the Overview's (and the tray's) short list of what needs the user. */
export const AttentionItem = z.object({
  kind: z.enum(['rule', 'target']),
  id,
  health: z.enum(['failing', 'late', 'unprotected']),
  label: text(400),
});

/** The Overview without the fleet: counts and a capped, ordered attention list (failing, then late). */
export const OverviewSummary = z.object({
  counts: z.record(z.enum(['protected', 'late', 'failing', 'paused', 'unprotected']), count),
  total: count,
  attention: z.array(AttentionItem),
  /** How many need attention in all (the list is capped). */
  attentionTotal: count,
  nextRuns: z.array(z.object({ ruleId: id, ruleName: text(100), targets: count, at: isoTime })),
  pausedUntil: isoTime.nullable(),
  running: count,
});
export type OverviewSummary = z.infer<typeof OverviewSummary>;

export const fleetChannels = {
  'rules:progress': { input: z.object({ ruleId: id.optional() }).optional(), output: z.array(RuleProgress) },
  'rules:matchTargets': {
    input: z.object({ selection: TargetSelection, ruleId: id.optional() }),
    output: SelectionMatches,
  },
  'rules:setEnabledMany': {
    input: z.object({ ids: z.array(id).min(1).max(5000), enabled: z.boolean() }),
    output: z.object({ changed: count }),
  },
  'rules:duplicate': { input: z.object({ id }), output: Rule },
  'rules:export': { input: z.undefined(), output: RulesDocument },
  /**
   * Import, in three steps so a file of any size fits the input limit: open an
   * upload, append the file's text in parts (in order, from `offset`), then plan
   * it (without `apply` only the plan; with it, all or nothing). Main reads,
   * validates and applies the whole file; the renderer never holds it twice.
   */
  'rules:importOpen': {
    input: z.object({ chars: z.number().int().min(1).max(maxImportChars) }),
    output: z.object({ uploadId: ImportUploadId }),
  },
  'rules:importAppend': {
    input: z.object({ uploadId: ImportUploadId, offset: count, text: z.string().min(1).max(importPartChars) }),
    output: z.object({ received: count }),
  },
  'rules:importPlan': { input: z.object({ uploadId: ImportUploadId, apply: z.boolean() }), output: ImportPlan },
  'discovery:get': { input: z.undefined(), output: DiscoveryState },
  'discovery:set': {
    input: z.object({ intervalMinutes: z.number().int().min(5).max(1440) }),
    output: DiscoveryState,
  },
  'discovery:runNow': { input: z.undefined(), output: ok },
  /** The Overview at fleet size: counts and a capped attention list, from the health read model. */
  'overview:summary': { input: z.undefined(), output: OverviewSummary },
} as const;
