/**
 * Opens the SQLite database with the settings every connection needs and
 * brings its schema up to date.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, refuseNewer } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /**
   * Path of an Electron-ABI build of better-sqlite3's addon. Under Electron the
   * shell passes it; under Node (tests, bench) the default binding is used.
   */
  nativeBinding?: string;
  /** Called with every statement executed; the benchmarks count queries with it. */
  verbose?: (sql: unknown) => void;
}

/** Opens (creating if needed) the database at `file`, or in memory for ':memory:'. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.verbose ? { verbose: options.verbose } : {}),
  });
  try {
    // Checked before any pragma that writes, so a newer database stays byte-for-byte as it was.
    refuseNewer(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // WAL makes NORMAL durable against application crashes, which is what the
    // run pipeline's write-intent-first design relies on.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
