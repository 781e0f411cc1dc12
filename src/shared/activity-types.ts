/**
 * Activity event types the engine records (ActivityRecorder: one event-log row plus
 * an `activity:added` push). The shell turns them into tray state and OS
 * notifications, so the `type` strings are stable and each `message` is a
 * complete plain-language sentence.
 *
 * | type               | level   | when                                                         |
 * |--------------------|---------|--------------------------------------------------------------|
 * | run.started        | info    | a snapshot run begins (scheduled, catch-up or run-now)       |
 * | run.succeeded      | info    | the provider reports the snapshot available                  |
 * | run.failed         | error   | a run failed for good (after in-slot retries, or permanently)|
 * | run.catch_up       | info    | a slot passed while volsnap was off/asleep; runs once now    |
 * | run.skipped        | info    | missed slots skipped (rule's catch-up is "skip")             |
 * | run.recovered      | info    | after a restart, a snapshot made before the stop was found   |
 * | retention.deleted  | info    | an old snapshot was deleted by the rule's retention          |
 * | retention.missing  | warning | a recorded snapshot is gone at the provider (deleted outside)|
 * | retention.failed   | warning | retention could not list or delete; retried on the next run  |
 * | rule.attention     | error   | a rule needs the user (token revoked, volume deleted, ...)   |
 * | engine.paused      | info    | all scheduled snapshots paused until a time                  |
 * | engine.resumed     | info    | the pause ended (by the user or at its end time)             |
 * | rule.created / rule.updated / rule.deleted / rule.enabled / rule.disabled | info | rule changes |
 */
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
  enginePaused: 'engine.paused',
  engineResumed: 'engine.resumed',
  ruleCreated: 'rule.created',
  ruleUpdated: 'rule.updated',
  ruleDeleted: 'rule.deleted',
  ruleEnabled: 'rule.enabled',
  ruleDisabled: 'rule.disabled',
} as const;
export type ActivityTypeName = (typeof ActivityType)[keyof typeof ActivityType];
