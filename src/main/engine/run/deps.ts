/** What the engine and its runs take from the core. */
import type { ActivityRecorder } from '../../activity/activity-recorder';
import type { PushBus } from '../../activity/push-bus';
import type { Repositories } from '../../db';
import type { Clock } from '../../ports/clock';
import type { SettingsStore } from '../../ports/settings-store';
import type { ProviderClient } from '../../providers/types';
import type { EngineTuning, Sleep } from './tuning';

export interface EngineDeps {
  repos: Repositories;
  clients: { get(accountId: number): Promise<ProviderClient> };
  clock: Clock;
  activity: ActivityRecorder;
  bus: PushBus;
  settings: SettingsStore;
}

export interface RunnerDeps extends EngineDeps {
  tuning: EngineTuning;
  sleep: Sleep;
  /** The tag/label value that ties snapshots to a rule of this installation. */
  ruleKey: (ruleId: number) => string;
}

/** engine_state key marking that a rule's retention has not run since its last new snapshot. */
export const RETENTION_PREFIX = 'retentionDue:';
export const retentionKey = (ruleId: number) => `${RETENTION_PREFIX}${ruleId}`;
