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
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every step in order. A new version is a new file here, never an edit of an old one. */
export const migrations: readonly Migration[] = [initialSchema, engineState];

// Versions only go up, by one: a mistake here would skip or repeat a step on users' databases.
migrations.forEach((step, index) => {
  if (step.version !== index + 1) throw new Error(`Migration ${index + 1} is numbered ${step.version}.`);
});

export const latestVersion = migrations.at(-1)?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws AppError when the database was written by a newer volsnap; reads only. */
export function refuseNewer(db: Database.Database): void {
  const current = schemaVersion(db);
  if (current > latestVersion) {
    throw new AppError(
      'unsupported',
      `This volsnap database (${db.name}) was written by a newer version of volsnap (schema ${current}; this version knows up to ${latestVersion}). ` +
        'Install the newer volsnap again; the database was left untouched.',
    );
  }
}

/**
 * Brings `db` to `target` (default: latest). Throws AppError for a newer database.
 * `steps` is replaceable so tests can prove a failing step rolls back.
 */
export function migrate(db: Database.Database, target = latestVersion, steps: readonly Migration[] = migrations): void {
  refuseNewer(db);
  const current = schemaVersion(db);
  for (const migration of steps) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
