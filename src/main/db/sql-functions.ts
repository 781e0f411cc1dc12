/**
 * SQL functions volsnap's schema relies on, registered on every connection it
 * opens (migrate() does it, before any step). `natural_key` fills
 * `snapshots.name_key` from a trigger (migration 8), so every insert, by the
 * engine or a seeding script, gets the key without knowing about it. A tool
 * that opens the file without volsnap (the sqlite3 shell) can read it, but an
 * INSERT into snapshots there fails with "no such function: natural_key".
 */
import type Database from 'better-sqlite3';
import { naturalKey } from '../../shared/natural-sort';

export function registerSqlFunctions(db: Database.Database): void {
  db.function('natural_key', { deterministic: true }, (name: unknown) =>
    typeof name === 'string' ? naturalKey(name) : null,
  );
}
