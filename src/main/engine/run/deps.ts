/** What the engine and its runs take from the core. */
import type { ActivityRecorder } from '../../activity/activity-recorder';
import type { PushBus } from '../../activity/push-bus';
import type { ProgressTracker } from '../../activity/progress-tracker';
import type { Repositories } from '../../db';
import type { Clock } from '../../ports/clock';
import type { SettingsStore } from '../../ports/settings-store';
import type { ProviderClient } from '../../providers/types';
import type { EngineTuning, Sleep } from './tuning';

export interface EngineDeps {
  repos: Repositories;
  /** `cancelWaits` ends the provider clients' waits (Retry-After, backoff) when the engine stops. */
  clients: { get(accountId: number): Promise<ProviderClient>; cancelWaits?(): void };
  clock: Clock;
  activity: ActivityRecorder;
  bus: PushBus;
  settings: SettingsStore;
  /** Live progress of runs, pushed to the window (progress:changed). */
  progress: ProgressTracker;
}

export interface RunnerDeps extends EngineDeps {
  tuning: EngineTuning;
  sleep: Sleep;
  /** The tag/label value that ties snapshots to a rule of this installation. */
  ruleKey: (ruleId: number) => string;
}

/** engine_state key marking that a rule's retention has not run since its last new snapshot. */
export const RETENTION_PREFIX = 'retentionDue:';
/** Per (rule, target): each target of a rule has its own retention. */
export const retentionKey = (ruleId: number, targetId: number) => `${RETENTION_PREFIX}${ruleId}:${targetId}`;
/** The (rule, target) of a retention key; a key from before per-target rules (`retentionDue:<rule>`) has no target. */
export function parseRetentionKey(key: string): { ruleId: number; targetId: number | null } {
  const [rule, target] = key.slice(RETENTION_PREFIX.length).split(':');
  return { ruleId: Number(rule), targetId: target === undefined ? null : Number(target) };
}
