/**
 * Domain schemas shared by main, preload and renderer. Every type the UI and the
 * main process exchange is inferred from a schema here, so it is written once.
 */
import { z } from 'zod';
import { ActivityTypeSchema } from './activity-types';
import { displayName } from './display-names';

/** Bounded text: IPC input is untrusted, so every string has a ceiling. */
export const text = (max = 200) => z.string().max(max);
export const isoTime = z.iso.datetime({ offset: true });
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const providerKinds = ['demo', 'digitalocean', 'scaleway', 'hetzner', 'aws', 'gcp'] as const;
export const ProviderKind = z.enum(providerKinds);
export type ProviderKind = z.infer<typeof ProviderKind>;

export const AccountStatus = z.enum(['ok', 'error', 'unverified']);
export const Account = z.object({
  id,
  provider: ProviderKind,
  name: text(100),
  status: AccountStatus,
  /** Plain-language last error, never containing the token. */
  lastError: text(2000).nullable(),
  /** What the provider said about the account (e.g. an e-mail or project), for display. */
  description: text(300).nullable(),
  createdAt: isoTime,
  lastVerifiedAt: isoTime.nullable(),
});
export type Account = z.infer<typeof Account>;

export const TargetKind = z.enum(['volume', 'server']);
export type TargetKind = z.infer<typeof TargetKind>;

export const Target = z.object({
  id,
  accountId: id,
  providerId: text(200),
  kind: TargetKind,
  name: text(300),
  region: text(100),
  sizeGb: z.number().nonnegative().nullable(),
  attachedTo: text(300).nullable(),
  tags: z.array(text(300)).max(200),
  /** False for things the provider cannot snapshot (e.g. Hetzner volumes). */
  snapshotable: z.boolean(),
  unsupportedReason: text(500).nullable(),
  lastSeenAt: isoTime,
  /** Set when the last refresh no longer found it at the provider. */
  goneSince: isoTime.nullable(),
});
export type Target = z.infer<typeof Target>;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:MM, e.g. 03:00');
/** IANA zone name; validity is checked in main (Intl) where the zone database lives. */
const timeZone = text(64).min(1, 'Choose a time zone');

export const Schedule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('interval'),
    every: z.number().int().min(1).max(10_000),
    unit: z.enum(['minutes', 'hours']),
    /** Slot k runs at anchor + k * every, so runs never drift. */
    anchor: isoTime,
    timeZone,
    /**
     * Slots keep their local times of day across daylight-saving changes ("every 4 hours from
     * 02:00" stays at 02:00, 06:00, ... in the zone) when the step is an hour or more and a day
     * holds a whole number of them. Absent on rules made before the editor had a start time:
     * those keep counting elapsed time from the anchor.
     */
    clockAligned: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('daily'),
    time: timeOfDay,
    /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1, 'Choose at least one day').max(7),
    timeZone,
  }),
  z.object({
    kind: z.literal('monthly'),
    /** Day of month; in shorter months it runs on the last day. */
    day: z.number().int().min(1).max(31),
    time: timeOfDay,
    timeZone,
  }),
  z.object({
    kind: z.literal('cron'),
    expression: text(120).min(1, 'Enter a cron expression'),
    timeZone,
  }),
]);
export type Schedule = z.infer<typeof Schedule>;

export const Retention = z
  .object({
    keepLast: z.number().int().min(1).max(10_000).nullable(),
    keepDays: z.number().int().min(1).max(36_500).nullable(),
    gfs: z
      .object({
        daily: z.number().int().min(0).max(3650),
        weekly: z.number().int().min(0).max(520),
        monthly: z.number().int().min(0).max(1200),
      })
      .nullable(),
  })
  .describe('Snapshots beyond every enabled policy are deleted; a snapshot kept by any policy stays.');
export type Retention = z.infer<typeof Retention>;

export const CatchUp = z.enum(['once', 'skip']);

/**
 * Which targets a selector rule covers: every listed condition must hold; an
 * empty list (or an empty name pattern) does not restrict. Tags match exactly
 * as the provider lists them ("env:prod", "db"); the name pattern is
 * case-insensitive with `*` and `?` wildcards.
 */
export const TargetSelector = z.object({
  accountIds: z.array(id).max(200),
  providers: z.array(ProviderKind).max(providerKinds.length),
  regions: z.array(text(100)).max(200),
  kinds: z.array(TargetKind).max(2),
  tagsInclude: z.array(text(300)).max(50),
  tagsExclude: z.array(text(300)).max(50),
  namePattern: text(200),
});
export type TargetSelector = z.infer<typeof TargetSelector>;

/** A rule's targets: a fixed set (picked in bulk) or a selector re-evaluated at every refresh. */
export const TargetSelection = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('explicit'), targetIds: z.array(id).min(1, 'Choose at least one volume').max(5000) }),
  z.object({ mode: z.literal('selector'), selector: TargetSelector }),
]);
export type TargetSelection = z.infer<typeof TargetSelection>;

export const RuleInput = z.object({
  /** One volume or server; shorthand for `selection: { mode: 'explicit', targetIds: [targetId] }`. */
  targetId: id.nullable().optional(),
  /** The rule's targets; when given, it wins over `targetId`. */
  selection: TargetSelection.optional(),
  name: displayName(100, 'Give the rule a name'),
  schedule: Schedule,
  retention: Retention,
  nameTemplate: text(200).min(1, 'Enter a snapshot name template'),
  enabled: z.boolean(),
  catchUp: CatchUp,
});
export type RuleInput = z.infer<typeof RuleInput>;

export const Rule = RuleInput.extend({
  /** The target of a rule with exactly one explicit target; null for sets and selectors. */
  targetId: id.nullable(),
  selection: TargetSelection,
  /** Plain text on the way out: a name saved before the visible-name check must still list. */
  name: text(100),
  id,
  nextRunAt: isoTime.nullable(),
  lastRunAt: isoTime.nullable(),
  /** Why the rule stopped trying (token revoked, volume deleted); null when fine. */
  attention: text(2000).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Rule = z.infer<typeof Rule>;

export const snapshotStatuses = ['requested', 'creating', 'available', 'error', 'deleting', 'deleted'] as const;
export const SnapshotStatus = z.enum(snapshotStatuses);
export type SnapshotStatus = z.infer<typeof SnapshotStatus>;

export const Snapshot = z.object({
  id,
  ruleId: id.nullable(),
  targetId: id,
  providerSnapshotId: text(200).nullable(),
  name: text(300),
  status: SnapshotStatus,
  requestedAt: isoTime,
  completedAt: isoTime.nullable(),
  deletedAt: isoTime.nullable(),
  sizeGb: z.number().nonnegative().nullable(),
  error: text(2000).nullable(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const EventLevel = z.enum(['info', 'warning', 'error']);
export const ActivityEntry = z.object({
  id,
  at: isoTime,
  level: EventLevel,
  /** Machine-readable kind from the one catalogue in activity-types.ts. */
  type: ActivityTypeSchema,
  message: text(2000),
  accountId: id.nullable(),
  targetId: id.nullable(),
  ruleId: id.nullable(),
  snapshotId: id.nullable(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const Health = z.enum(['protected', 'late', 'failing', 'paused', 'unprotected']);
export type Health = z.infer<typeof Health>;

export const NotificationPolicy = z.enum(['all', 'failures', 'off']);
export const Theme = z.enum(['system', 'light', 'dark']);

export const Settings = z.object({
  notifications: NotificationPolicy,
  startAtLogin: z.boolean(),
  startHidden: z.boolean(),
  theme: Theme,
  concurrency: z.object({
    global: z.number().int().min(1).max(32),
    perAccount: z.number().int().min(1).max(8),
  }),
  /** Price per GB-month the cost estimate uses, editable because prices change. */
  pricePerGbMonth: z.record(ProviderKind, z.number().nonnegative().max(100)),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = {
  notifications: 'failures',
  startAtLogin: false,
  startHidden: false,
  theme: 'system',
  concurrency: { global: 4, perAccount: 2 },
  // AWS: EBS snapshot standard tier, us-east-1 (https://aws.amazon.com/ebs/pricing/).
  pricePerGbMonth: { demo: 0, digitalocean: 0.06, scaleway: 0.06, hetzner: 0.011, aws: 0.05, gcp: 0.05 },
};
