/**
 * The one catalogue of activity types. Every row in the activity log carries
 * one of these; the contract validates them, the engine and the service record
 * them, and the notification policy maps each one explicitly (a type it does
 * not handle is a compile error there). Each entry's `message` is a complete
 * plain-language sentence; the type is for machines.
 *
 * | type                   | level   | when                                                          |
 * |------------------------|---------|---------------------------------------------------------------|
 * | run.started            | info    | a snapshot run begins (scheduled, catch-up or run-now)        |
 * | run.succeeded          | info    | the provider reports the snapshot available                   |
 * | run.failed             | error   | a run failed for good (after in-slot retries, or permanently) |
 * | run.catch_up           | info    | a slot passed while volsnap was off/asleep; runs once now     |
 * | run.skipped            | info    | missed slots skipped (rule's catch-up is "skip")              |
 * | run.recovered          | info    | after a restart, a snapshot made before the stop was found    |
 * | retention.deleted      | info    | an old snapshot was deleted by the rule's retention           |
 * | retention.missing      | warning | a recorded snapshot is gone at the provider (deleted outside) |
 * | retention.failed       | warning | retention could not list or delete; retried on the next run   |
 * | rule.attention         | error   | a rule needs the user (token revoked, volume deleted, ...)    |
 * | rule.created/updated/deleted/enabled/disabled | info | rule changes made by the user          |
 * | engine.paused          | info    | all scheduled snapshots paused until a time                   |
 * | engine.resumed         | info    | the pause ended (by the user or at its end time)              |
 * | account.added          | info    | a cloud account was connected                                 |
 * | account.token_replaced | info    | an account's token was replaced                               |
 * | account.failed         | error   | checking an account's token failed                            |
 * | account.removed        | info    | an account was removed                                        |
 * | targets.refresh_failed | error   | listing an account's volumes and servers failed               |
 * | rule.targets_joined    | info    | a refresh found new targets a selector rule now protects      |
 * | rule.targets_left      | warning | targets stopped matching a rule; their snapshots are kept     |
 * | snapshot.deleted       | info    | a snapshot the user chose to delete was deleted at the provider |
 * | snapshot.delete_failed | warning | such a deletion failed or was refused; the user can retry     |
 */
import { z } from 'zod';

export const ActivityType = {
  runStarted: 'run.started',
  runSucceeded: 'run.succeeded',
  runFailed: 'run.failed',
  runCatchUp: 'run.catch_up',
  runSkipped: 'run.skipped',
  runRecovered: 'run.recovered',
  retentionDeleted: 'retention.deleted',
  retentionMissing: 'retention.missing',
  retentionFailed: 'retention.failed',
  ruleAttention: 'rule.attention',
  ruleCreated: 'rule.created',
  ruleUpdated: 'rule.updated',
  ruleDeleted: 'rule.deleted',
  ruleEnabled: 'rule.enabled',
  ruleDisabled: 'rule.disabled',
  enginePaused: 'engine.paused',
  engineResumed: 'engine.resumed',
  accountAdded: 'account.added',
  accountTokenReplaced: 'account.token_replaced',
  accountFailed: 'account.failed',
  accountRemoved: 'account.removed',
  targetsRefreshFailed: 'targets.refresh_failed',
  ruleTargetsJoined: 'rule.targets_joined',
  ruleTargetsLeft: 'rule.targets_left',
  snapshotDeleted: 'snapshot.deleted',
  snapshotDeleteFailed: 'snapshot.delete_failed',
} as const;

export type ActivityTypeName = (typeof ActivityType)[keyof typeof ActivityType];

const names = Object.values(ActivityType) as [ActivityTypeName, ...ActivityTypeName[]];

/** The contract's schema for an activity type: only the names above are valid. */
export const ActivityTypeSchema = z.enum(names);
