/**
 * Versioned schema migrations, one numbered file per version. `PRAGMA
 * user_version` holds the version; each step runs in its own transaction, so a
 * failure leaves the previous version intact. A database written by a newer
 * volsnap is refused untouched.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { initialSchema } from './001-initial-schema';
import { engineState } from './002-engine-state';
import { createSentAt } from './003-create-sent-at';
import { ruleSelections } from './004-rule-selections';
import { healthReadModel } from './005-health-read-model';
import { snapshotsWithoutRule } from './006-snapshots-without-rule';
import { slotProgressIndex } from './007-slot-progress-index';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every step in order. A new version is a new file here, never an edit of an old one. */
export const migrations: readonly Migration[] = [
  initialSchema,
  engineState,
  createSentAt,
  ruleSelections,
  healthReadModel,
  snapshotsWithoutRule,
  slotProgressIndex,
];

// Versions only go up, by one: a mistake here would skip or repeat a step on users' databases.
migrations.forEach((step, index) => {
  if (step.version !== index + 1) throw new Error(`Migration ${index + 1} is numbered ${step.version}.`);
});

export const latestVersion = migrations.at(-1)?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The refusal of a database written by a newer volsnap, naming the file and both versions. */
export function newerDatabaseError(file: string, version: number): AppError {
  return new AppError(
    'unsupported',
    `This volsnap database (${file}) was written by a newer version of volsnap (schema ${version}; this version knows up to ${latestVersion}). ` +
      'Install the newer volsnap again; the database was left untouched.',
  );
}

/** Throws AppError when the database was written by a newer volsnap; reads only. */
export function refuseNewer(db: Database.Database): void {
  const current = schemaVersion(db);
  if (current > latestVersion) throw newerDatabaseError(db.name, current);
}

/**
 * Brings `db` to `target` (default: latest). Throws AppError for a newer database.
 * `steps` is replaceable so tests can prove a failing step rolls back.
 */
export function migrate(db: Database.Database, target = latestVersion, steps: readonly Migration[] = migrations): void {
  refuseNewer(db);
  const current = schemaVersion(db);
  let rebuilt = false;
  for (const migration of steps) {
    if (migration.version <= current || migration.version > target) continue;
    runStep(db, migration);
    rebuilt ||= migration.foreignKeysOff === true;
  }
  // A table rebuild leaves the old table's pages free: give them back, so the
  // file is as compact as before and every page in it is checked at open.
  if (rebuilt && !db.inTransaction) db.exec('VACUUM');
}

/** One step in its own transaction; a table rebuild runs with foreign keys off and checks them before committing. */
function runStep(db: Database.Database, migration: Migration): void {
  const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      migration.up(db);
      if (migration.foreignKeysOff) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`Migration ${migration.version} left ${broken.length} broken reference(s).`);
      }
      db.pragma(`user_version = ${migration.version}`);
    })();
  } finally {
    if (migration.foreignKeysOff && keysWereOn) db.pragma('foreign_keys = ON');
  }
}
