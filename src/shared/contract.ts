/**
 * The IPC contract: the single source of every channel's name and types.
 *
 * - `invokeChannels`: renderer -> main requests, each with an input and output schema.
 * - `pushEvents`: main -> renderer notifications, each with a payload schema.
 *
 * The preload API, the main-side registration, the test bridge and the renderer's
 * types are all derived from these two maps (see api.ts); nothing is written twice.
 */
import { z } from 'zod';
import { AppErrorData } from './errors';
import {
  Account,
  ActivityEntry,
  Health,
  ProviderKind,
  Retention,
  Rule,
  RuleInput,
  Schedule,
  Settings,
  Snapshot,
  SnapshotStatus,
  Target,
  TargetKind,
  id,
  isoTime,
  text,
} from './domain';
import { displayName } from './display-names';
import { tokenProblem } from './token-input';
import { AccountHealth } from './account-health';
import { fleetChannels } from './fleet-contract';
import { snapshotChannels } from './snapshot-contract';
import { projectionChannels } from './projection-contract';

const none = z.undefined();
const ok = z.object({ ok: z.literal(true) });

/**
 * A provider credential (a token, or a Google service-account JSON key of about
 * 2.4 KB): bounded, trimmed, plain characters only for a token (tokenProblem),
 * never echoed back.
 */
const token = z
  .string()
  .trim()
  .min(1, 'Paste the API token')
  .max(8192)
  .superRefine((value, ctx) => {
    const problem = tokenProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const page = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

export const SecretStorageStatus = z.object({
  /** False when the OS offers no encryption at all: tokens cannot be saved. */
  available: z.boolean(),
  /** False on Linux's basic_text backend: encrypted with a fixed key, not a keyring. */
  secure: z.boolean(),
  backend: text(60),
  /** The user agreed to store tokens with a backend that is not secure. */
  insecureAccepted: z.boolean(),
});
export type SecretStorageStatus = z.infer<typeof SecretStorageStatus>;

export const AppInfo = z.object({
  version: text(40),
  platform: text(40),
  dataDir: text(1000),
  logsDir: text(1000),
  secretStorage: SecretStorageStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const TargetWithHealth = Target.extend({
  accountName: text(100),
  provider: ProviderKind,
  health: Health,
  ruleIds: z.array(id),
  lastSnapshotAt: isoTime.nullable(),
});
export type TargetWithHealth = z.infer<typeof TargetWithHealth>;

/**
 * Why scheduled snapshots are not running right now, when they are not: the
 * engine could not start, or its database refuses writes. Shown in the tray,
 * by a notification and as a banner on the Overview until it clears.
 */
export const EngineProblem = z.object({
  kind: z.enum(['not_started', 'database']),
  /** What is wrong and what volsnap does about it, in our words. */
  message: text(2000),
  since: isoTime,
  /** When volsnap tries again by itself. */
  retryAt: isoTime.nullable(),
});
export type EngineProblem = z.infer<typeof EngineProblem>;

export const Overview = z.object({
  counts: z.record(Health, z.number().int().nonnegative()),
  targets: z.array(TargetWithHealth),
  nextRuns: z.array(z.object({ ruleId: id, ruleName: text(100), targetName: text(300), at: isoTime })),
  recent: z.array(ActivityEntry),
  pausedUntil: isoTime.nullable(),
  running: z.number().int().nonnegative(),
  engineProblem: EngineProblem.nullable(),
});
export type Overview = z.infer<typeof Overview>;

/**
 * What the tray shows, from its own read model (issue 12): counts, the failing
 * and late targets (capped), rules and accounts needing the user, the next run.
 */
export const TrayFacts = z.object({
  counts: z.record(Health, z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
  kinds: z.array(TargetKind),
  troubled: z.array(z.object({ id, name: text(300), health: z.enum(['failing', 'late']), accountId: id })).max(100),
  rules: z.array(z.object({ id, name: text(100), attention: text(2000), targetId: id.nullable() })).max(100),
  accounts: z.array(AccountHealth),
  nextRunAt: isoTime.nullable(),
  pausedUntil: isoTime.nullable(),
  running: z.number().int().nonnegative(),
  engineProblem: EngineProblem.nullable(),
});
export type TrayFacts = z.infer<typeof TrayFacts>;

export const SnapshotFilter = z.object({
  targetId: id.optional(),
  ruleId: id.optional(),
  status: SnapshotStatus.optional(),
  ...page,
});
export const ActivityFilter = z.object({
  targetId: id.optional(),
  ruleId: id.optional(),
  level: z.enum(['info', 'warning', 'error']).optional(),
  ...page,
});

export const SnapshotRow = Snapshot.extend({ targetName: text(300), ruleName: text(100).nullable() });
export type SnapshotRow = z.infer<typeof SnapshotRow>;

export const RetentionPreview = z.object({
  keep: z.array(Snapshot),
  remove: z.array(Snapshot),
  /** Estimated monthly storage cost of what is kept, in the account's currency (USD/EUR). */
  monthlyCost: z.number().nonnegative(),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

export const SchedulePreview = z.object({ description: text(300), next: z.array(isoTime) });
export type SchedulePreview = z.infer<typeof SchedulePreview>;

export const RefreshResult = z.object({
  accounts: z.array(z.object({ accountId: id, found: z.number().int(), error: text(2000).nullable() })),
});

export const invokeChannels = {
  'app:info': { input: none, output: AppInfo },
  /** Records the user's informed choice to store tokens without a keyring (Linux basic_text). */
  'app:acceptInsecureStorage': { input: none, output: SecretStorageStatus },
  'app:openLogsFolder': { input: none, output: ok },
  'app:openDataFolder': { input: none, output: ok },
  /** Shows a sample notification through the system, so the user sees that (and how) alerts arrive. */
  'app:testNotification': { input: none, output: z.object({ shown: z.boolean(), reason: text(500).nullable() }) },

  'accounts:list': { input: none, output: z.array(Account) },
  /** Verifies the token with the provider before anything is saved. */
  'accounts:add': {
    input: z.object({
      provider: ProviderKind,
      name: displayName(100, 'Give the account a name'),
      token: token.optional(),
    }),
    output: Account,
  },
  'accounts:rename': {
    input: z.object({ id, name: displayName(100, 'Give the account a name') }),
    output: Account,
  },
  'accounts:replaceToken': { input: z.object({ id, token }), output: Account },
  'accounts:verify': { input: z.object({ id }), output: Account },
  /** What removing the account would take with it, for the confirmation dialog. */
  'accounts:removalImpact': {
    input: z.object({ id }),
    output: z.object({ rules: z.array(Rule), targets: z.number().int() }),
  },
  'accounts:remove': { input: z.object({ id }), output: ok },
  /** One root cause and one fix per account, worst first (service/account-health.ts). */
  'accounts:health': { input: none, output: z.array(AccountHealth) },
  /** Checks the account again and, when it answers, runs its failing rules now. */
  'accounts:retry': {
    input: z.object({ id }),
    output: z.object({ health: AccountHealth, started: z.number().int().nonnegative() }),
  },
  /** Asks the provider whether the account's token works, changing nothing; the command maps the answer to its exit code. */
  'accounts:probe': {
    input: z.object({ id }),
    output: z.object({ ok: z.boolean(), error: AppErrorData.nullable() }),
  },

  'targets:list': { input: z.object({ accountId: id.optional() }).optional(), output: z.array(TargetWithHealth) },
  'targets:refresh': { input: z.object({ accountId: id.optional() }).optional(), output: RefreshResult },

  'rules:list': { input: z.object({ targetId: id.optional() }).optional(), output: z.array(Rule) },
  'rules:get': { input: z.object({ id }), output: Rule },
  'rules:create': { input: RuleInput, output: Rule },
  'rules:update': { input: RuleInput.extend({ id }), output: Rule },
  /** `snapshots`: keep the rule's snapshots (they become snapshots without a rule) or delete them at the provider. */
  'rules:delete': {
    input: z.object({ id, snapshots: z.enum(['keep', 'delete']).default('keep') }),
    output: ok,
  },
  'rules:setEnabled': { input: z.object({ id, enabled: z.boolean() }), output: Rule },
  'rules:runNow': { input: z.object({ id }), output: ok },
  'rules:runAll': { input: none, output: z.object({ started: z.number().int() }) },
  'rules:previewSchedule': {
    input: z.object({ schedule: Schedule, count: z.number().int().min(1).max(50).default(5) }),
    output: SchedulePreview,
  },
  'rules:previewRetention': {
    input: z.object({ targetId: id, ruleId: id.optional(), retention: Retention }),
    output: RetentionPreview,
  },
  'rules:previewName': {
    input: z.object({ targetId: id, template: text(200) }),
    output: z.object({ name: text(300) }),
  },

  'snapshots:list': {
    input: SnapshotFilter,
    output: z.object({ items: z.array(SnapshotRow), total: z.number().int() }),
  },
  'activity:list': {
    input: ActivityFilter,
    output: z.object({ items: z.array(ActivityEntry), total: z.number().int() }),
  },
  'overview:get': { input: none, output: Overview },
  'tray:state': { input: none, output: TrayFacts },

  'settings:get': { input: none, output: Settings },
  'settings:update': { input: Settings.partial(), output: Settings },
  ...fleetChannels,
  ...snapshotChannels,
  ...projectionChannels,
  'engine:pause': { input: z.object({ until: isoTime }), output: ok },
  'engine:resume': { input: none, output: ok },
} as const;

/** The parts of the window's data that a `data:changed` push can name. */
export const dataAreas = z.enum(['accounts', 'targets', 'rules', 'snapshots', 'activity', 'overview', 'settings']);

export const pushEvents = {
  /** Something the user may want to see changed; the renderer refetches the named areas. */
  'data:changed': z.object({
    areas: z.array(dataAreas),
  }),
  'activity:added': ActivityEntry,
  /** Scheduled snapshots stopped or started again (null: all is well). */
  'engine:problem': z.object({ problem: EngineProblem.nullable() }),
  /** The shell asks the window to show a route, e.g. after a notification click. */
  'app:navigate': z.object({ path: text(300) }),
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type PushEvent = keyof typeof pushEvents;
export type InputOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>;
export type ParsedInputOf<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['input']>;
export type OutputOf<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['output']>;
export type PayloadOf<E extends PushEvent> = z.output<(typeof pushEvents)[E]>;

/** Largest serialized argument accepted over IPC; anything larger is refused before parsing. */
export const maxInputBytes = 64 * 1024;
