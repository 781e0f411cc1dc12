/**
 * Copies of the database in `<data folder>/backups/`: one before every
 * migration (`volsnap-before-v<N>-<time>.sqlite`, kept) and a rolling daily one
 * (`volsnap-daily-<time>.sqlite`, the newest 7 kept, made by the running engine). A damaged database is
 * replaced from the newest copy that passes SQLite's integrity check.
 */
import Database from 'better-sqlite3';
import { copyFileSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';

export interface BackupFile {
  path: string;
  kind: 'daily' | 'before-migration';
  takenAt: Date;
}

/** Daily copies kept; older ones are removed when a new one is made. */
export const dailyBackupsKept = 7;
const dayMs = 24 * 60 * 60 * 1000;

/** A time that is safe in a file name on every platform: 2026-11-01T08-00-00-000Z. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

const backupName = /^volsnap-(daily|before-v\d+)-(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.sqlite$/;

export function backupsFolder(dbFile: string): string {
  return join(dirname(dbFile), 'backups');
}

/** Every backup of `dbFile`, newest first. */
export function listBackups(dbFile: string): BackupFile[] {
  const folder = backupsFolder(dbFile);
  if (!existsSync(folder)) return [];
  const found: BackupFile[] = [];
  for (const name of readdirSync(folder)) {
    const match = backupName.exec(name);
    if (!match) continue;
    const [, kind, hour, minute, second, ms] = match;
    found.push({
      path: join(folder, name),
      kind: kind === 'daily' ? 'daily' : 'before-migration',
      takenAt: new Date(`${hour}:${minute}:${second}.${ms}Z`),
    });
  }
  return found.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/**
 * A consistent copy through SQLite (`VACUUM INTO`), written under a temporary
 * name and renamed, so a copy cut short by a crash or a full disk is never listed.
 */
function copyInto(db: Database.Database, path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return path;
}

/** The copy made before migrating to `targetVersion`; a failure stops the migration. */
export function backupBeforeMigration(db: Database.Database, targetVersion: number, now: Date): string {
  const name = `volsnap-before-v${targetVersion}-${fileTimestamp(now)}.sqlite`;
  return copyInto(db, join(backupsFolder(db.name), name));
}

/**
 * The same consistent copy through SQLite's online backup, a few pages per
 * event-loop turn: the daily copy of a large database (2 s at 125 MB with
 * VACUUM INTO) must not freeze the tray and window, which share this thread.
 * Writes made meanwhile through this connection are carried into the copy.
 */
async function copyInSteps(db: Database.Database, path: string): Promise<string> {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return path;
}

/** The daily copy each connection is making, so a second call while one is in progress waits for it. */
const copying = new WeakMap<Database.Database, Promise<string>>();

/**
 * Makes the daily copy when the newest is 24 h old or more (or there is none),
 * then keeps the newest seven. Resolves to the new copy's path, or null when
 * not due (a call while a copy is in progress waits for it, then says null). Rejects with the SQLite or
 * file-system error when the copy fails (disk full).
 */
export function dailyBackupIfDue(db: Database.Database, now: Date): Promise<string | null> {
  if (db.memory) return Promise.resolve(null);
  const inProgress = copying.get(db);
  if (inProgress) return inProgress.then(() => null);
  const daily = listBackups(db.name).filter((b) => b.kind === 'daily');
  const newest = daily[0];
  if (newest && now.getTime() - newest.takenAt.getTime() < dayMs) return Promise.resolve(null);
  const copy = copyInSteps(db, join(backupsFolder(db.name), `volsnap-daily-${fileTimestamp(now)}.sqlite`))
    .then((path) => {
      for (const old of daily.slice(dailyBackupsKept - 1)) rmSync(old.path, { force: true });
      return path;
    })
    .finally(() => copying.delete(db));
  copying.set(db, copy);
  return copy;
}

function passesQuickCheck(path: string): boolean {
  try {
    const copy = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return copy.pragma('quick_check', { simple: true }) === 'ok';
    } finally {
      copy.close();
    }
  } catch {
    return false;
  }
}

/** The newest backup that SQLite's integrity check accepts, or null. */
export function newestUsableBackup(dbFile: string): BackupFile | null {
  return listBackups(dbFile).find((backup) => passesQuickCheck(backup.path)) ?? null;
}

/**
 * Puts a copy of `backupPath` where the database lives. Refuses when anything is
 * still at that path: a damaged file is moved aside first, never overwritten.
 */
export function restoreBackup(dbFile: string, backupPath: string): void {
  for (const path of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) {
    if (existsSync(path)) {
      throw new AppError(
        'conflict',
        `${path} still exists, so volsnap did not restore the backup over it. Move that file elsewhere and start volsnap again.`,
      );
    }
  }
  copyFileSync(backupPath, dbFile, constants.COPYFILE_EXCL);
}
