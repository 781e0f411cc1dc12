import type { AccountClients } from '../account-clients';
import type { ActivityLog } from '../activity';
import type { Clock } from '../clock';
import type { Repositories } from '../db';
import type { EventBus } from '../events';
import type { Engine } from '../engine';
import type { Platform } from '../platform';
import type { ProviderClient, ProviderOptions } from '../providers/types';
import type { SecretStore } from '../secrets';
import type { SettingsStore } from '../settings';
import type { ProviderKind } from '../../shared/domain';

export type ProviderFactory = (kind: ProviderKind, token: string | null, options?: ProviderOptions) => ProviderClient;

/** Everything a use case may depend on; built once by the composition root. */
export interface ServiceContext {
  repos: Repositories;
  secrets: SecretStore;
  settings: SettingsStore;
  clock: Clock;
  bus: EventBus;
  activity: ActivityLog;
  platform: Platform;
  providers: ProviderFactory;
  /** Cached per-account clients, sharing each account's request budget. */
  clients: AccountClients;
  /** The snapshot engine: schedules, runs, pause. */
  engine: Engine;
}
