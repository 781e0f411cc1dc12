/**
 * The snapshot and event lists sort in SQL (issue 15, "Lists"): names in
 * natural order through the stored key (filled by a trigger for any insert,
 * and for existing rows by migration 8), status and size then time, either
 * direction; and "jump to a date" finds a row's index with counts only.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../../../src/main/db';
import { migrate } from '../../../src/main/db/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-order-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const day = (d: number) => new Date(Date.UTC(2026, 0, d, 3)).toISOString();
const names = ['vol-10-a', 'vol-2-a', 'vol-100-a', 'vol-1-a', 'Vol-3-a'];

/** One account, one target, and one snapshot per name (day 1, 2, ...), by plain SQL as a seeding script would. */
function seed(db: Database.Database): void {
  db.prepare("INSERT INTO accounts (provider, name, status, created_at) VALUES ('demo', 'a', 'ok', ?)").run(day(1));
  db.prepare(
    "INSERT INTO targets (account_id, provider_id, kind, name, region, size_gb, tags, snapshotable, last_seen_at) VALUES (1, 'v', 'volume', 'vol', 'fra1', 10, '[]', 1, ?)",
  ).run(day(1));
  const insert = db.prepare(
    'INSERT INTO snapshots (target_id, name, status, requested_at, size_gb) VALUES (1, ?, ?, ?, ?)',
  );
  names.forEach((name, i) => insert.run(name, i % 2 ? 'error' : 'available', day(i + 1), i % 2 ? null : 50 - i));
}

const page = (repos: ReturnType<typeof createRepositories>, q: object) =>
  repos.snapshots.page({ offset: 0, limit: 10, ...q }).items.map((s) => s.name);

describe('sorted snapshot pages', () => {
  it('sorts names naturally in both directions, and by status or size then time', () => {
    const db = openDatabase(join(dir, 'v.sqlite'));
    seed(db);
    const repos = createRepositories(db);
    const natural = ['vol-1-a', 'vol-2-a', 'Vol-3-a', 'vol-10-a', 'vol-100-a'];
    expect(page(repos, { sort: 'name', dir: 'asc' })).toEqual(natural);
    expect(page(repos, { sort: 'name', dir: 'desc' })).toEqual([...natural].reverse());
    expect(page(repos, {})).toEqual([...names].reverse());
    expect(page(repos, { sort: 'time', dir: 'asc' })).toEqual(names);
    // available (days 1, 3, 5) before error (days 2, 4), each oldest first.
    expect(page(repos, { sort: 'status', dir: 'asc' })).toEqual([
      'vol-10-a',
      'vol-100-a',
      'Vol-3-a',
      'vol-2-a',
      'vol-1-a',
    ]);
    // Sizes 50, 48, 46 (and no size for failed runs) biggest first.
    expect(page(repos, { sort: 'size', dir: 'desc' }).slice(0, 3)).toEqual(['vol-10-a', 'vol-100-a', 'Vol-3-a']);
    expect(page(repos, { sort: 'name', dir: 'asc', status: 'error' })).toEqual(['vol-1-a', 'vol-2-a']);
    db.close();
  });

  it('uses an index for every order, so a page is not a sort of the whole history', () => {
    const db = openDatabase(join(dir, 'v.sqlite'));
    for (const order of [
      's.name_key ASC, s.id ASC',
      's.status DESC, s.requested_at DESC, s.id DESC',
      's.size_gb ASC, s.requested_at ASC, s.id ASC',
    ]) {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT s.* FROM snapshots s ORDER BY ${order} LIMIT 100`)
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
      expect(plan).toMatch(/USING INDEX/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
    db.close();
  });

  it('finds where a date falls, newest first and oldest first, with the filters applied', () => {
    const db = openDatabase(join(dir, 'v.sqlite'));
    seed(db);
    const repos = createRepositories(db);
    const mid = new Date(Date.UTC(2026, 0, 3, 12)).toISOString();
    // Newest first: days 5, 4 are later; day 3 is index 2.
    expect(repos.snapshots.positionAt({ at: mid, dir: 'desc' })).toEqual({ index: 2 });
    // Oldest first: days 1, 2, 3 are at or before; day 3 is index 2 too.
    expect(repos.snapshots.positionAt({ at: mid, dir: 'asc' })).toEqual({ index: 2 });
    expect(repos.snapshots.positionAt({ at: mid, dir: 'desc', status: 'error' })).toEqual({ index: 1 });
    expect(repos.snapshots.positionAt({ at: day(0), dir: 'desc' })).toEqual({ index: null });
    expect(repos.snapshots.positionAt({ at: day(0), dir: 'asc' })).toEqual({ index: null });
    expect(repos.snapshots.positionAt({ at: day(9), dir: 'asc' })).toEqual({ index: 4 });
    for (let i = 1; i <= 6; i++)
      repos.activity.append({ at: day(i), level: 'info', type: 'run.succeeded', message: `e${i}` });
    expect(repos.activity.positionAt({ at: mid, dir: 'desc' })).toEqual({ index: 3 });
    expect(repos.activity.list({ offset: 0, limit: 2, dir: 'asc' }).items.map((e) => e.message)).toEqual(['e1', 'e2']);
    db.close();
  });

  it('gives rows written before migration 8 their key when it runs', () => {
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    migrate(old, 6);
    seed(old);
    old.close();
    const db = openDatabase(file);
    const keys = db.prepare('SELECT name_key FROM snapshots ORDER BY name_key').all() as { name_key: string }[];
    expect(keys.map((k) => k.name_key)).toEqual(['vol-011-a', 'vol-012-a', 'vol-013-a', 'vol-0210-a', 'vol-03100-a']);
    db.close();
  });
});
