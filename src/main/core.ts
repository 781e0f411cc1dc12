/**
 * Builds the Electron-free heart of volsnap: database, repositories, event bus,
 * provider clients, service and dispatcher. The Electron entry, the e2e bridge
 * and the benchmarks all start volsnap through here.
 */
import { AccountClients, type AccountRecord, type ProviderFactory } from './providers/account-clients';
import { ActivityRecorder } from './activity/activity-recorder';
import { systemClock, type Clock } from './ports/clock';
import { createRepositories, openDatabase, type Repositories } from './db';
import { PushBus } from './activity/push-bus';
import { Engine, type EngineOptions } from './engine';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import type { OsIntegration } from './ports/os-integration';
import type { SecretStore } from './ports/secret-store';
import { createService, type ServiceContext } from './service';
import type { DiscoverySchedule, DiscoveryTiming } from './service/discovery';
import type { SummaryReadModel } from './service/overview-summary';
import { CachedSettingsStore } from './ports/cached-settings';
import { createProviderClient } from './providers';
import type { ProviderOptions } from './providers/types';
import type { SettingsStore } from './ports/settings-store';

export interface CoreOptions {
  /** SQLite file, or ':memory:'. */
  dbFile: string;
  nativeBinding?: string;
  /** Called with every SQL statement executed (benchmarks count queries with it). */
  dbVerbose?: (sql: unknown) => void;
  secrets: SecretStore;
  settings: SettingsStore;
  os: OsIntegration;
  /** Defaults to the real clients (createProviderClient); tests pass the same with emulator URLs. */
  providers?: ProviderFactory;
  /** Per-account provider options, e.g. the demo cloud's state file. */
  providerOptions?: (account: AccountRecord) => ProviderOptions;
  clock?: Clock;
  /** Test and benchmark hooks for the snapshot engine (timers, waits, tuning). */
  engine?: Pick<EngineOptions, 'setAlarm' | 'sleep' | 'tuning'>;
  /** Test and benchmark hook: when the discovery refresh fires. */
  discoveryTiming?: DiscoveryTiming;
}

export interface Core {
  repos: Repositories;
  bus: PushBus;
  context: ServiceContext;
  dispatch: Dispatch;
  /** The snapshot engine: `await engine.start()` after building, `await engine.stop()` before close(). */
  engine: Engine;
  /** The scheduled refresh of every account's targets: `discovery.start()` once the engine runs. */
  discovery: DiscoverySchedule;
  /** The kept Overview summary (tests and the bench count its rebuilds). */
  summaries: SummaryReadModel;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const providers = options.providers ?? createProviderClient;
  const db = openDatabase(options.dbFile, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.dbVerbose ? { verbose: options.dbVerbose } : {}),
    now: () => clock.now(),
  });
  const repos = createRepositories(db);
  const settings = new CachedSettingsStore(options.settings);
  const bus = new PushBus();
  const activity = new ActivityRecorder(repos.activity, bus, clock);
  const clients = new AccountClients(
    (id) => repos.accounts.get(id),
    options.secrets,
    providers,
    options.providerOptions,
  );
  const engine = new Engine({ repos, clients, clock, activity, bus, settings, ...options.engine });
  const context: ServiceContext = {
    repos,
    secrets: options.secrets,
    settings,
    clock,
    bus,
    activity,
    os: options.os,
    providers,
    clients,
    engine,
  };
  const { handlers, discovery, readModels } = createService(context, options.discoveryTiming);
  return {
    repos,
    bus,
    context,
    dispatch: createDispatcher(handlers, options.dbFile === ':memory:' ? {} : { databaseFile: options.dbFile }),
    engine,
    discovery,
    summaries: readModels.summaries,
    close: () => {
      discovery.stop();
      // Disarms at once; runs still in flight stop at their next step and are reconciled next start.
      void engine.stop();
      db.close();
    },
  };
}
