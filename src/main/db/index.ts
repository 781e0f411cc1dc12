import type { Db } from './connection';
import { AccountsRepo } from './repositories/accounts';
import { EngineStateRepo } from './repositories/engine-state';
import { ActivityRepo } from './repositories/activity';
import { RulesRepo } from './repositories/rules';
import { SnapshotsRepo } from './repositories/snapshots';
import { TargetsRepo } from './repositories/targets';
import { unitOfWork, type UnitOfWork } from './unit-of-work';

export { openDatabase, type Db } from './connection';
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
  activity: ActivityRepo;
  engineState: EngineStateRepo;
}

export function createRepositories(db: Db): Repositories {
  return {
    db,
    inTransaction: unitOfWork(db),
    accounts: new AccountsRepo(db),
    targets: new TargetsRepo(db),
    rules: new RulesRepo(db),
    snapshots: new SnapshotsRepo(db),
    activity: new ActivityRepo(db),
    engineState: new EngineStateRepo(db),
  };
}
