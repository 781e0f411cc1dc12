import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DatabaseDamagedError,
  backupsFolder,
  busyTimeoutMs,
  dailyBackupIfDue,
  listBackups,
  openDatabase,
  restoreBackup,
} from '../../../src/main/db';
import { latestVersion, migrate, schemaVersion } from '../../../src/main/db/migrations';
import { AppError } from '../../../src/shared/errors';
import { writeInWalAndKill } from '../../support/sqlite-child';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-open-'));
  file = join(dir, 'volsnap.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const day = 24 * 60 * 60 * 1000;
const start = new Date('2026-11-01T08:00:00.000Z');
const at = (days: number) => () => new Date(start.getTime() + days * day);

function addAccounts(db: Database.Database, count: number): void {
  const insert = db.prepare(
    "INSERT INTO accounts (provider, name, status, description, created_at) VALUES ('demo', ?, 'ok', ?, '2026-01-01T00:00:00.000Z')",
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`account ${i}`, `description ${i} `.repeat(20));
  })();
}

/** Opens the database at `now` and makes the day's copy, as the running engine would. */
async function withDailyCopy(now: () => Date): Promise<void> {
  const db = openDatabase(file, { now });
  try {
    await dailyBackupIfDue(db, now());
  } finally {
    db.close();
  }
}

const accountCount = (db: Database.Database) =>
  (db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;

/** What the folder holds, file by file, to prove nothing was touched. */
function filesOf(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
      e.isFile() ? [[e.name, readFileSync(join(folder, e.name))]] : [],
    ),
  );
}

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('opening the database', () => {
  it('uses a short busy timeout so a locked database never freezes the main thread for seconds', () => {
    const db = openDatabase(file);
    expect(busyTimeoutMs).toBeLessThanOrEqual(250);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(busyTimeoutMs);
    db.close();
  });

  it('copies the database before migrating it, into backups/volsnap-before-v<N>-<time>.sqlite', () => {
    const old = new Database(file);
    migrate(old, 1);
    addAccounts(old, 3);
    old.close();

    const db = openDatabase(file, { now: at(0) });
    expect(schemaVersion(db)).toBe(latestVersion);
    db.close();

    const before = listBackups(file).filter((b) => b.kind === 'before-migration');
    expect(before).toHaveLength(1);
    expect(basename(before[0]!.path)).toMatch(new RegExp(`^volsnap-before-v${latestVersion}-2026-11-01T08-00-00`));
    const copy = new Database(before[0]!.path, { readonly: true });
    expect(schemaVersion(copy)).toBe(1);
    expect(accountCount(copy)).toBe(3);
    copy.close();
  });

  it('keeps a rolling daily copy: one when the newest is 24 h old, the newest 7 kept', async () => {
    openDatabase(file, { now: at(0) }).close(); // a new, empty database needs no copy
    expect(listBackups(file)).toEqual([]);
    for (let d = 1; d <= 10; d++) {
      const db = openDatabase(file, { now: at(d) });
      expect(await dailyBackupIfDue(db, at(d)())).toMatch(/volsnap-daily-/);
      addAccounts(db, 1);
      // Again the same day: not due.
      expect(await dailyBackupIfDue(db, at(d + 0.5)())).toBeNull();
      db.close();
    }
    const daily = listBackups(file).filter((b) => b.kind === 'daily');
    expect(daily.map((b) => b.takenAt.toISOString())).toEqual([10, 9, 8, 7, 6, 5, 4].map((d) => at(d)().toISOString()));
    // The copy taken on day 10 was made before that day's account was added.
    const newest = new Database(daily[0]!.path, { readonly: true });
    expect(accountCount(newest)).toBe(9);
    newest.close();
    expect(readdirSync(backupsFolder(file)).filter((name) => name.endsWith('.partial'))).toEqual([]);

    const db = openDatabase(file, { now: at(10.2) });
    expect(await dailyBackupIfDue(db, at(11.5)())).toMatch(/volsnap-daily-2026-11-12T20-00-00/);
    db.close();
  });

  it('makes the copy in steps, leaving the event loop free between them', async () => {
    const db = openDatabase(file, { now: at(0) });
    addAccounts(db, 20_000);
    let turns = 0;
    let done = false;
    const copying = dailyBackupIfDue(db, at(1)()).finally(() => (done = true));
    while (!done) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turns++;
    }
    const path = await copying;
    db.close();
    expect(turns).toBeGreaterThan(3);
    const copy = new Database(path!, { readonly: true });
    expect(accountCount(copy)).toBe(20_000);
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('moves a damaged file aside untouched, names the newest backup, and can start from it', async () => {
    openDatabase(file, { now: at(0) }).close();
    const db = openDatabase(file, { now: at(0) });
    addAccounts(db, 400);
    db.close();
    await withDailyCopy(at(1)); // the daily copy, with the 400 accounts
    const size = readFileSync(file).length;
    const damaged = readFileSync(file);
    damaged.fill(0xa5, Math.floor(size / 2 / 4096) * 4096, Math.floor(size / 2 / 4096) * 4096 + 4096);
    writeFileSync(file, damaged);

    const error = caught(() => openDatabase(file, { now: at(2) }));
    expect(error).toBeInstanceOf(DatabaseDamagedError);
    const damagedError = error as DatabaseDamagedError;
    expect(damagedError.code).toBe('database_damaged');
    expect(damagedError.file).toBe(file);
    expect(basename(damagedError.movedTo)).toMatch(/^volsnap\.sqlite\.damaged-2026-11-03T08-00-00/);
    expect(damagedError.message).toContain(damagedError.movedTo);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(damagedError.movedTo).equals(damaged)).toBe(true);
    expect(damagedError.backup?.takenAt.toISOString()).toBe(at(1)().toISOString());

    // Never over something that is there: only where the database was moved away.
    writeFileSync(`${file}-wal`, 'x');
    expect(() => restoreBackup(file, damagedError.backup!.path)).toThrow(/still exists/);
    rmSync(`${file}-wal`);
    restoreBackup(file, damagedError.backup!.path);
    const restored = openDatabase(file, { now: at(2) });
    expect(accountCount(restored)).toBe(400);
    restored.close();
  });

  it('checks a damaged file with a leftover WAL without merging the WAL into it', async () => {
    const db = openDatabase(file, { now: at(0) });
    addAccounts(db, 400);
    db.close();
    await writeInWalAndKill(file, latestVersion);
    const damaged = readFileSync(file);
    const middle = Math.floor(damaged.length / 2 / 4096) * 4096;
    damaged.fill(0xa5, middle, middle + 4096);
    writeFileSync(file, damaged);
    const wal = readFileSync(`${file}-wal`);

    const error = caught(() => openDatabase(file, { now: at(2) }));
    expect(error).toBeInstanceOf(DatabaseDamagedError);
    const { movedTo } = error as DatabaseDamagedError;
    expect(readFileSync(movedTo).equals(damaged)).toBe(true);
    expect(readFileSync(`${movedTo}-wal`).equals(wal)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('says a file that is not a database at all is damaged, and keeps it', () => {
    const garbage = Buffer.alloc(10_000, 0x42);
    writeFileSync(file, garbage);
    const error = caught(() => openDatabase(file, { now: at(0) }));
    expect(error).toBeInstanceOf(DatabaseDamagedError);
    expect((error as DatabaseDamagedError).backup).toBeNull();
    expect(readFileSync((error as DatabaseDamagedError).movedTo).equals(garbage)).toBe(true);
  });

  it('refuses a newer database with a leftover WAL and leaves the file, -wal and -shm byte-for-byte untouched', async () => {
    await writeInWalAndKill(file, latestVersion + 1);
    const before = filesOf(dir);
    expect(before.get('volsnap.sqlite-wal')?.length).toBeGreaterThan(0);

    const error = caught(() => openDatabase(file, { now: at(0) }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unsupported');
    expect((error as AppError).message).toMatch(/newer version of volsnap.*left untouched/s);
    const after = filesOf(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
  });

  it('refuses a newer database without a WAL and creates no -wal or -shm beside it', () => {
    const newer = new Database(file);
    newer.pragma('journal_mode = WAL');
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`user_version = ${latestVersion + 1}`);
    newer.close();
    const before = filesOf(dir);
    expect((caught(() => openDatabase(file)) as AppError).code).toBe('unsupported');
    const after = filesOf(dir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(after.get('volsnap.sqlite')?.equals(before.get('volsnap.sqlite')!)).toBe(true);
  });
});
