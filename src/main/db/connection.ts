/**
 * Opens the SQLite database with the settings every connection needs and
 * brings its schema up to date. Before anything is written: a file from a
 * newer volsnap is refused untouched and a damaged one is set aside. Before a
 * migration the file is copied (the rolling daily copy is the engine's: see
 * backups.ts).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupBeforeMigration } from './backups';
import { describeDatabaseError } from './database-errors';
import { latestVersion, migrate, refuseNewer, schemaVersion } from './migrations';
import { inspectDatabaseFile, integrityProblem, setAsideDamaged, type FoundDatabase } from './open-checks';

export type Db = Database.Database;

/**
 * How long a statement waits for another connection's lock. Short on purpose:
 * statements run on Electron's main thread, which draws the tray and the
 * window, so a lock held by another program must fail fast (mapped to "locked
 * by another program") instead of freezing the app for seconds; the engine
 * retries such failures a little later.
 */
export const busyTimeoutMs = 200;

export interface OpenOptions {
  /**
   * Path of an Electron-ABI build of better-sqlite3's addon. Under Electron the
   * shell passes it; under Node (tests, bench) the default binding is used.
   */
  nativeBinding?: string;
  /** Called with every statement executed; the benchmarks count queries with it. */
  verbose?: (sql: unknown) => void;
  /** The time for backup and damaged-file names and the daily backup's age; defaults to the system clock. */
  now?: () => Date;
}

function connect(file: string, options: OpenOptions): Db {
  return new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.verbose ? { verbose: options.verbose } : {}),
  });
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // WAL makes NORMAL durable against application crashes, which is what the
  // run pipeline's write-intent-first design relies on.
  db.pragma('synchronous = NORMAL');
}

/** Migrates an existing database after copying it; a new one needs no copy. */
function upgrade(db: Db, found: FoundDatabase, now: Date): void {
  if (found.version >= 1 && found.version < latestVersion) backupBeforeMigration(db, latestVersion, now);
  migrate(db);
}

function openFile(file: string, options: OpenOptions): Db {
  const now = options.now?.() ?? new Date();
  mkdirSync(dirname(file), { recursive: true });
  const found = inspectDatabaseFile(file, latestVersion, now);
  const db = connect(file, options);
  try {
    // Before any pragma that writes, so a damaged file is set aside as it was.
    const problem = found.checked ? null : integrityProblem(db);
    if (problem) {
      db.close();
      throw setAsideDamaged(file, problem, now);
    }
    refuseNewer(db);
    configure(db);
    upgrade(db, { ...found, version: schemaVersion(db) }, now);
    return db;
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
}

/**
 * Opens (creating if needed) the database at `file`, or in memory for ':memory:'.
 * Throws AppErrors: `unsupported` for a newer volsnap's file, DatabaseDamagedError
 * for a damaged one (moved aside), `database_unavailable` when the folder or disk fails.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file === ':memory:') {
    const db = connect(file, options);
    configure(db);
    migrate(db);
    return db;
  }
  try {
    return openFile(file, options);
  } catch (error) {
    throw describeDatabaseError(error, file) ?? error;
  }
}
