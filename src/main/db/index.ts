import type { Db } from './connection';
import { AccountsRepo } from './repositories/accounts';
import { EngineStateRepo } from './repositories/engine-state';
import { ActivityRepo } from './repositories/activity';
import { RulesRepo } from './repositories/rules';
import { SnapshotsRepo } from './repositories/snapshots';
import { TargetsRepo } from './repositories/targets';

export { openDatabase, type Db } from './connection';

/** Every repository over one connection. */
export interface Repositories {
  db: Db;
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
    accounts: new AccountsRepo(db),
    targets: new TargetsRepo(db),
    rules: new RulesRepo(db),
    snapshots: new SnapshotsRepo(db),
    activity: new ActivityRepo(db),
    engineState: new EngineStateRepo(db),
  };
}
