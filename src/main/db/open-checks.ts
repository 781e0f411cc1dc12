/**
 * What openDatabase checks before it writes anything: the schema version (a
 * newer volsnap's file is refused byte-for-byte untouched, WAL included) and
 * SQLite's quick integrity check (a damaged file is moved aside, never
 * overwritten, and the newest usable backup is named).
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { fileTimestamp, newestUsableBackup } from './backups';
import { DatabaseDamagedError } from './database-errors';
import { newerDatabaseError } from './migrations';
import { userVersionInWal, userVersionOffset } from './wal-version';

export interface FoundDatabase {
  /** `PRAGMA user_version` including what a leftover WAL holds; 0 for a new file. */
  version: number;
  /** True when the integrity check already ran (read-only, because a WAL was left over). */
  checked: boolean;
}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

function readHeader(file: string): Buffer {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header;
}

const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** SQLite's quick_check as a reason ("ok" means intact); a corrupt or non-database file throws, which is a reason too. */
export function integrityProblem(db: Database.Database): string | null {
  try {
    const result = db.pragma('quick_check', { simple: true });
    return result === 'ok' ? null : `SQLite's integrity check says: ${String(result).slice(0, 200)}`;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || String(code).startsWith('SQLITE_CORRUPT_')) {
      return `SQLite says: ${(error as Error).message}`;
    }
    throw error;
  }
}

/** The integrity check on a read-only connection: it never merges a WAL into the file (only the derived -shm is rewritten). */
function integrityProblemReadOnly(file: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return integrityProblem(db);
  } finally {
    db.close();
  }
}

/** Moves the file and its -wal/-shm to `<name>.damaged-<time>` and returns the error that names them and the newest backup. */
export function setAsideDamaged(file: string, reason: string, now: Date): DatabaseDamagedError {
  const movedTo = `${file}.damaged-${fileTimestamp(now)}`;
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${movedTo}${suffix}`);
  }
  renameSync(file, movedTo);
  return new DatabaseDamagedError(file, movedTo, newestUsableBackup(file), reason);
}

/**
 * Checks an existing database file without opening SQLite on it. Throws the
 * "newer version" AppError (nothing touched) or a DatabaseDamagedError (file set
 * aside); returns what was found otherwise.
 */
export function inspectDatabaseFile(file: string, latestVersion: number, now: Date): FoundDatabase {
  const size = sizeOf(file);
  // SQLite treats a missing or empty file as a new database.
  if (size === 0) return { version: 0, checked: false };
  const header = readHeader(file);
  if (size < 100 || !header.subarray(0, sqliteMagic.length).equals(sqliteMagic)) {
    throw setAsideDamaged(file, 'it is not an SQLite database file', now);
  }
  const hasWal = sizeOf(`${file}-wal`) > 0;
  const version = (hasWal ? userVersionInWal(`${file}-wal`) : null) ?? header.readUInt32BE(userVersionOffset);
  if (version > latestVersion) throw newerDatabaseError(file, version);
  if (!hasWal) return { version, checked: false };
  // A writable connection would merge the WAL into a damaged file when closed; check read-only first.
  const problem = integrityProblemReadOnly(file);
  if (problem) throw setAsideDamaged(file, problem, now);
  return { version, checked: true };
}
