import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db';
import { latestVersion, migrate, migrations, schemaVersion } from '../../../src/main/db/migrations';
import { AppError } from '../../../src/shared/errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-mig-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);

describe('migrations', () => {
  it('versions form an unbroken sequence from 1', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('creates the latest schema on a fresh install with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(dir, 'fresh.sqlite'));
    expect(schemaVersion(db)).toBe(latestVersion);
    expect(tables(db)).toEqual(expect.arrayContaining(['accounts', 'events', 'rules', 'snapshots', 'targets']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(200);
    db.close();
  });

  // Every earlier version, including an empty file (0), must upgrade to the latest
  // and keep the data it had.
  for (let from = 0; from < latestVersion; from++) {
    it(`upgrades a version ${from} database to ${latestVersion} and keeps its data`, () => {
      const file = join(dir, `v${from}.sqlite`);
      const old = new Database(file);
      migrate(old, from);
      expect(schemaVersion(old)).toBe(from);
      if (from >= 1) {
        old
          .prepare(
            "INSERT INTO accounts (provider, name, status, created_at) VALUES ('demo', 'kept', 'ok', '2026-01-01T00:00:00.000Z')",
          )
          .run();
      }
      old.close();

      const db = openDatabase(file);
      expect(schemaVersion(db)).toBe(latestVersion);
      if (from >= 1) expect(db.prepare('SELECT name FROM accounts').all()).toEqual([{ name: 'kept' }]);
      db.close();
    });
  }

  it('refuses a database from a newer version with a clear message and leaves the file byte-for-byte untouched', () => {
    const file = join(dir, 'newer.sqlite');
    const newer = new Database(file);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`user_version = ${latestVersion + 1}`);
    newer.close();
    const before = readFileSync(file);

    let thrown: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('unsupported');
    expect((thrown as AppError).message).toMatch(/newer version of volsnap.*left untouched/s);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rolls back a failing migration step and keeps the previous version', () => {
    const db = new Database(join(dir, 'broken.sqlite'));
    migrate(db);
    const broken = {
      version: latestVersion + 1,
      description: 'fails halfway',
      up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table;'),
    };
    expect(() => migrate(db, broken.version, [...migrations, broken])).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(latestVersion);
    expect(tables(db)).not.toContain('half');
    db.close();
  });
});
