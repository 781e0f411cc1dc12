/**
 * Contract channels for rules over many targets (issue 12): live selector
 * matches with overlap, slot progress, bulk enable/disable, duplicate,
 * export/import of rules, and the discovery schedule. Spread into
 * `invokeChannels` in contract.ts.
 */
import { z } from 'zod';
import {
  CatchUp,
  ProviderKind,
  Retention,
  Rule,
  Schedule,
  TargetKind,
  TargetSelection,
  TargetSelector,
  id,
  isoTime,
  text,
} from './domain';

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

/** A target named the way another database can find it: account (by provider and name), kind, provider id. */
export const PortableTarget = z.object({
  provider: ProviderKind,
  account: text(100),
  kind: TargetKind,
  providerId: text(200),
  name: text(300),
});
export type PortableTarget = z.infer<typeof PortableTarget>;

export const PortableSelection = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('explicit'), targets: z.array(PortableTarget).min(1).max(5000) }),
  z.object({
    mode: z.literal('selector'),
    /** Account ids become account names (provider + name) so the selector means the same elsewhere. */
    accounts: z.array(z.object({ provider: ProviderKind, account: text(100) })).max(200),
    selector: TargetSelector.omit({ accountIds: true }),
  }),
]);

export const PortableRule = z.object({
  name: text(100).min(1),
  selection: PortableSelection,
  schedule: Schedule,
  retention: Retention,
  nameTemplate: text(200).min(1),
  enabled: z.boolean(),
  catchUp: CatchUp,
});
export type PortableRule = z.infer<typeof PortableRule>;

/** Version 2: rules with selections (the command line's version 1 names one target per rule). */
export const RulesDocument = z.object({
  format: z.literal('volsnap-rules'),
  version: z.literal(2),
  exportedAt: isoTime,
  rules: z.array(PortableRule).max(5000),
});
export type RulesDocument = z.infer<typeof RulesDocument>;

export const ImportPlan = z.object({
  /** Rules that would be (or were) created, and changed (same name as an existing rule). */
  create: z.array(text(100)),
  change: z.array(text(100)),
  unchanged: z.array(text(100)),
  /** Why a rule cannot be imported; any error means nothing is applied. */
  errors: z.array(z.object({ index: count, name: text(100), message: text(2000) })),
  applied: z.boolean(),
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
  /** Without `apply` only the plan; with it, all or nothing. */
  'rules:import': { input: z.object({ document: RulesDocument, apply: z.boolean() }), output: ImportPlan },
  'discovery:get': { input: z.undefined(), output: DiscoveryState },
  'discovery:set': {
    input: z.object({ intervalMinutes: z.number().int().min(5).max(1440) }),
    output: DiscoveryState,
  },
  'discovery:runNow': { input: z.undefined(), output: ok },
  /** The Overview at fleet size: counts and a capped attention list, from the health read model. */
  'overview:summary': { input: z.undefined(), output: OverviewSummary },
} as const;
