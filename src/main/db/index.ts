import type { Db } from './connection';
import { AccountsRepo } from './repositories/accounts';
import { EngineStateRepo } from './repositories/engine-state';
import { ActivityRepo } from './repositories/activity';
import { RulesRepo } from './repositories/rules';
import { SnapshotsRepo } from './repositories/snapshots';
import { SnapshotsWithoutRuleRepo } from './repositories/snapshots-without-rule';
import { TargetsRepo } from './repositories/targets';
import { unitOfWork, type UnitOfWork } from './unit-of-work';
import { dailyBackupIfDue } from './backups';

export { busyTimeoutMs, openDatabase, type Db, type OpenOptions } from './connection';
export {
  DatabaseDamagedError,
  DatabaseError,
  describeDatabaseError,
  isRetryableDatabaseError,
} from './database-errors';
export {
  backupsFolder,
  dailyBackupIfDue,
  listBackups,
  newestUsableBackup,
  restoreBackup,
  type BackupFile,
} from './backups';
export type { UnitOfWork } from './unit-of-work';

/** Every repository over one connection. */
export interface Repositories {
  /** The raw connection, for tests and benchmarks; application code uses `inTransaction`. */
  db: Db;
  /** Groups repository writes into one transaction. */
  inTransaction: UnitOfWork;
  accounts: AccountsRepo;
  targets: TargetsRepo;
  rules: RulesRepo;
  snapshots: SnapshotsRepo;
  /** Snapshots no rule owns any more, and user-asked deletions. */
  snapshotsWithoutRule: SnapshotsWithoutRuleRepo;
  activity: ActivityRepo;
  engineState: EngineStateRepo;
  /** The rolling daily copy, made in steps; the engine calls it now and then (it does nothing until 24 h have passed). */
  backups: { dailyBackupIfDue(now: Date): Promise<string | null> };
}

export function createRepositories(db: Db): Repositories {
  return {
    db,
    inTransaction: unitOfWork(db),
    accounts: new AccountsRepo(db),
    targets: new TargetsRepo(db),
    rules: new RulesRepo(db),
    snapshots: new SnapshotsRepo(db),
    snapshotsWithoutRule: new SnapshotsWithoutRuleRepo(db),
    activity: new ActivityRepo(db),
    engineState: new EngineStateRepo(db),
    backups: { dailyBackupIfDue: (now) => dailyBackupIfDue(db, now) },
  };
}
