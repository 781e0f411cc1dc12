import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeDatabaseError, isRetryableDatabaseError } from '../../../src/main/db';
import { AppError } from '../../../src/shared/errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-dberr-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `action` and returns what it threw (a real error from SQLite or the file system). */
function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

function withTable(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS t (x BLOB)');
  return db;
}

describe('database errors a user can act on', () => {
  it('says "locked by another program" for SQLITE_BUSY and marks it retryable', () => {
    const file = join(dir, 'volsnap.sqlite');
    const holder = withTable(file);
    holder.exec('BEGIN EXCLUSIVE');
    const writer = new Database(file);
    writer.pragma('busy_timeout = 0');
    const busy = thrownBy(() => writer.prepare('INSERT INTO t VALUES (1)').run());
    holder.exec('ROLLBACK');
    holder.close();
    writer.close();

    expect((busy as { code: string }).code).toBe('SQLITE_BUSY');
    const mapped = describeDatabaseError(busy, file);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped?.code).toBe('database_unavailable');
    expect(mapped?.message).toMatch(/locked by another program/);
    expect(mapped?.message).toContain(file);
    expect(isRetryableDatabaseError(busy)).toBe(true);
  });

  it('says the disk holding the file is full for SQLITE_FULL, naming the path', () => {
    const file = join(dir, 'volsnap.sqlite');
    const db = withTable(file);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const full = thrownBy(() => db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024)));
    db.close();

    expect((full as { code: string }).code).toBe('SQLITE_FULL');
    expect(describeDatabaseError(full, file)?.message).toMatch(new RegExp(`disk holding ${file}.* is full`));
    expect(isRetryableDatabaseError(full)).toBe(true);
  });

  it('says the file is damaged for SQLITE_NOTADB and SQLITE_CORRUPT, and does not call that retryable', () => {
    const file = join(dir, 'volsnap.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    const db = new Database(file);
    const notADb = thrownBy(() => db.pragma('user_version'));
    db.close();
    const corrupt = new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT');

    expect((notADb as { code: string }).code).toBe('SQLITE_NOTADB');
    for (const error of [notADb, corrupt]) {
      const mapped = describeDatabaseError(error, file);
      expect(mapped?.code).toBe('database_damaged');
      expect(mapped?.message).toMatch(new RegExp(`file ${file} is damaged`));
      expect(mapped?.message).toMatch(/backup/);
      expect(isRetryableDatabaseError(error)).toBe(false);
    }
  });

  it('says volsnap cannot write to the folder for SQLITE_READONLY, SQLITE_CANTOPEN and ENOTDIR', () => {
    const file = join(dir, 'volsnap.sqlite');
    withTable(file).close();
    const readOnly = new Database(file, { readonly: true });
    const readonlyError = thrownBy(() => readOnly.prepare('INSERT INTO t VALUES (1)').run());
    readOnly.close();
    // A "folder" that is a regular file: permission bits cannot be used, tests run as root.
    const notAFolder = join(dir, 'not-a-folder');
    writeFileSync(notAFolder, 'x');
    const cantOpen = thrownBy(() => new Database(join(notAFolder, 'volsnap.sqlite')));
    const notDir = thrownBy(() => mkdirSync(join(notAFolder, 'sub'), { recursive: true }));

    expect((readonlyError as { code: string }).code).toBe('SQLITE_READONLY');
    expect((cantOpen as { code: string }).code).toBe('SQLITE_CANTOPEN');
    expect((notDir as { code: string }).code).toBe('ENOTDIR');
    expect(describeDatabaseError(readonlyError, file)?.message).toMatch(
      new RegExp(`cannot write to the folder ${dir}`),
    );
    const inFile = join(notAFolder, 'volsnap.sqlite');
    expect(describeDatabaseError(cantOpen, inFile)?.message).toMatch(
      new RegExp(`cannot write to the folder ${notAFolder}`),
    );
    expect(describeDatabaseError(notDir, inFile)?.message).toMatch(/cannot write to the folder/);
    expect(isRetryableDatabaseError(readonlyError)).toBe(true);
  });

  it('says the disk reported an error for every SQLITE_IOERR variant, retryable', () => {
    const ioError = new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
    const mapped = describeDatabaseError(ioError, '/data/volsnap.sqlite');
    expect(mapped?.code).toBe('database_unavailable');
    expect(mapped?.message).toMatch(/disk holding \/data\/volsnap\.sqlite reported an error/);
    expect(isRetryableDatabaseError(ioError)).toBe(true);
    // A mapped error stays retryable for the engine, which may only see the AppError.
    expect(isRetryableDatabaseError(mapped)).toBe(true);
  });

  it('leaves errors that are not about the database alone', () => {
    expect(describeDatabaseError(new TypeError('x is undefined'), '/data/volsnap.sqlite')).toBeUndefined();
    expect(describeDatabaseError(new AppError('not_found', 'gone'), '/data/volsnap.sqlite')).toBeUndefined();
    expect(isRetryableDatabaseError(new Error('SQLITE_BUSY'))).toBe(false);
    expect(isRetryableDatabaseError(undefined)).toBe(false);
  });
});
