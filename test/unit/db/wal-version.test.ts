import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db';
import { latestVersion } from '../../../src/main/db/migrations';
import { userVersionInWal } from '../../../src/main/db/wal-version';
import { writeInWalAndKill } from '../../support/sqlite-child';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-wal-'));
  file = join(dir, 'volsnap.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What SQLite itself reads, on a copy of the file and its WAL (the oracle). */
function versionSqliteSees(): number {
  const copyDir = join(dir, `oracle-${Math.random().toString(36).slice(2)}`);
  mkdirSync(copyDir);
  copyFileSync(file, join(copyDir, 'copy.sqlite'));
  copyFileSync(`${file}-wal`, join(copyDir, 'copy.sqlite-wal'));
  const db = new Database(join(copyDir, 'copy.sqlite'));
  const version = db.pragma('user_version', { simple: true }) as number;
  db.close();
  return version;
}

describe('user_version from a leftover WAL, read without SQLite', () => {
  it('agrees with SQLite on a complete WAL, a torn last frame, a bad checksum and a bare header', async () => {
    await writeInWalAndKill(file, 77);
    const wal = `${file}-wal`;
    const full = readFileSync(wal);
    expect(userVersionInWal(wal)).toBe(77);
    expect(versionSqliteSees()).toBe(77);

    truncateSync(wal, full.length - 1); // the last (commit) frame torn
    expect(userVersionInWal(wal)).toBe(versionSqliteSees());
    expect(userVersionInWal(wal)).not.toBe(77);

    const flipped = Buffer.from(full);
    flipped[32 + 24 + 10] = flipped[32 + 24 + 10]! ^ 0xff; // the first frame's page changed: nothing valid
    writeFileSync(wal, flipped);
    expect(userVersionInWal(wal)).toBeNull();
    expect(versionSqliteSees()).toBe(0);

    writeFileSync(wal, full.subarray(0, 32));
    expect(userVersionInWal(wal)).toBeNull();
  });

  it('opens a current database whose last writer was killed, with everything its WAL held', async () => {
    openDatabase(file).close();
    await writeInWalAndKill(file, latestVersion);
    const db = openDatabase(file);
    expect((db.prepare('SELECT COUNT(*) AS n FROM future_data').get() as { n: number }).n).toBe(200);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    db.close();
  });
});
