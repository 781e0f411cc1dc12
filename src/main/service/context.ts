/** What every use case may depend on, built once by the composition root (core.ts). */
import type { AccountClients, ProviderFactory } from '../providers/account-clients';
import type { ActivityRecorder } from '../activity/activity-recorder';
import type { Clock } from '../ports/clock';
import type { Repositories } from '../db';
import type { PushBus } from '../activity/push-bus';
import type { ProgressTracker } from '../activity/progress-tracker';
import type { Engine } from '../engine';
import type { OsIntegration } from '../ports/os-integration';
import type { SecretStore } from '../ports/secret-store';
import type { SettingsStore } from '../ports/settings-store';

export interface ServiceContext {
  repos: Repositories;
  secrets: SecretStore;
  settings: SettingsStore;
  clock: Clock;
  bus: PushBus;
  activity: ActivityRecorder;
  os: OsIntegration;
  providers: ProviderFactory;
  /** Cached per-account clients, sharing each account's request budget. */
  clients: AccountClients;
  /** The snapshot engine: schedules, runs, pause. */
  engine: Engine;
  /** Live progress of refreshes and runs (progress:changed). */
  progress: ProgressTracker;
}
