/**
 * Migration 004 on a database made by the previous release (schema 3) with a
 * realistic amount of data: 3 accounts, 120 targets, 50 rules, 20,000
 * snapshot rows in every status, owed retention and activity. Every rule must
 * come out as a rule with one explicit target, and every history row, id and
 * retention fact must be unchanged.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../../../src/main/db';
import { latestVersion, migrate, schemaVersion } from '../../../src/main/db/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-mig4-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const statuses = ['available', 'available', 'available', 'deleted', 'error', 'requested', 'creating', 'deleting'];

/** Writes what release 3 wrote, through its own schema (migrate up to 3 only). */
function previousReleaseDatabase(file: string): void {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, 3);
  const at = (day: number, hour = 3) => new Date(Date.UTC(2026, 0, 1 + day, hour)).toISOString();
  db.transaction(() => {
    for (let a = 1; a <= 3; a++)
      db.prepare("INSERT INTO accounts (provider, name, status, created_at) VALUES ('demo', ?, 'ok', ?)").run(
        `acct-${a}`,
        at(0),
      );
    const target = db.prepare(
      `INSERT INTO targets (account_id, provider_id, kind, name, region, size_gb, tags, snapshotable, last_seen_at, gone_since)
       VALUES (?, ?, 'volume', ?, 'fra1', 10, ?, 1, ?, ?)`,
    );
    for (let t = 1; t <= 120; t++)
      target.run(
        (t % 3) + 1,
        `vol-${t}`,
        `volume-${t}`,
        JSON.stringify(t % 2 ? ['db'] : []),
        at(0),
        t === 7 ? at(5) : null,
      );
    const rule = db.prepare(
      `INSERT INTO rules (target_id, name, schedule, retention, name_template, enabled, catch_up, next_run_at, last_run_at, attention, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'volsnap-{volume}-{utc}', ?, 'once', ?, ?, ?, ?, ?)`,
    );
    for (let r = 1; r <= 50; r++)
      rule.run(
        r * 2,
        `rule-${r}`,
        JSON.stringify({ kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Berlin' }),
        JSON.stringify({ keepLast: 7 + r, keepDays: null, gfs: null }),
        r % 5 ? 1 : 0,
        at(400),
        at(399),
        r === 3 ? 'The token was revoked.' : null,
        at(0),
        at(1),
      );
    const snap = db.prepare(
      `INSERT INTO snapshots (rule_id, target_id, provider_snapshot_id, name, status, slot_at, requested_at, completed_at, size_gb, error, create_sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 10, ?, ?)`,
    );
    for (let i = 0; i < 20_000; i++) {
      const r = (i % 50) + 1;
      const day = Math.floor(i / 50);
      const status = statuses[i % statuses.length]!;
      // A few rows of a deleted rule (rule_id NULL) as the previous release left them.
      const ruleId = i % 997 === 0 ? null : r;
      snap.run(
        ruleId,
        r * 2,
        `p-${i}`,
        `snap-${i}`,
        status,
        at(day),
        at(day),
        at(day, 4),
        status === 'error' ? 'boom' : null,
        status === 'creating' ? at(day) : null,
      );
    }
    db.prepare("INSERT INTO engine_state (key, value) VALUES ('retentionDue:4', ?)").run(at(399));
    db.prepare(
      "INSERT INTO events (at, level, type, message, rule_id, target_id) VALUES (?, 'info', 'rule.created', 'x', 1, 2)",
    ).run(at(0));
  })();
  db.close();
}

const dump = (db: Database.Database, sql: string) => db.prepare(sql).all();

describe('migration 4: rules over many targets, on a database from the previous release', () => {
  it('turns every rule into a one-target explicit rule and keeps every history row, id and retention fact', () => {
    const file = join(dir, 'v3.sqlite');
    previousReleaseDatabase(file);
    const before = new Database(file, { readonly: true });
    const rulesBefore = dump(before, 'SELECT * FROM rules ORDER BY id') as Record<string, unknown>[];
    const snapsBefore = dump(before, 'SELECT * FROM snapshots ORDER BY id');
    const stateBefore = dump(before, 'SELECT * FROM engine_state ORDER BY key');
    const eventsBefore = dump(before, 'SELECT * FROM events ORDER BY id');
    before.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestVersion);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Later versions add columns (migration 6: the former rule, a deletion's error), empty on old rows.
    const snapsAfter = dump(db, 'SELECT * FROM snapshots ORDER BY id') as Record<string, unknown>[];
    expect(
      snapsAfter.map(({ former_rule_id, former_rule_name, deletion_error, ...row }) => {
        expect([former_rule_id, former_rule_name, deletion_error]).toEqual([null, null, null]);
        return row;
      }),
    ).toEqual(snapsBefore);
    expect(dump(db, 'SELECT * FROM engine_state ORDER BY key')).toEqual(stateBefore);
    expect(dump(db, 'SELECT * FROM events ORDER BY id')).toEqual(eventsBefore);

    const repos = createRepositories(db);
    const rules = repos.rules.list().sort((a, b) => a.id - b.id);
    expect(rules).toHaveLength(50);
    for (const [i, rule] of rules.entries()) {
      const old = rulesBefore[i]!;
      expect(rule.id).toBe(old.id);
      expect(rule.selection).toEqual({ mode: 'explicit', targetIds: [old.target_id] });
      expect(rule.targetId).toBe(old.target_id);
      expect(rule.retention).toEqual(JSON.parse(old.retention as string));
      expect(rule.schedule).toEqual(JSON.parse(old.schedule as string));
      expect([rule.enabled, rule.nextRunAt, rule.lastRunAt, rule.attention, rule.createdAt, rule.updatedAt]).toEqual([
        old.enabled === 1,
        old.next_run_at,
        old.last_run_at,
        old.attention,
        old.created_at,
        old.updated_at,
      ]);
      expect(repos.rules.targets.members(rule.id)).toEqual([old.target_id]);
      expect(repos.rules.list(old.target_id as number).map((r) => r.id)).toEqual([rule.id]);
    }
    // Retention reads the same rows as before: per rule, and per (rule, its one target).
    for (const rule of rules) {
      const byRule = repos.snapshots.listAvailableByRule(rule.id).map((r) => r.id);
      expect(repos.snapshots.listAvailableByRule(rule.id, rule.targetId!).map((r) => r.id)).toEqual(byRule);
      expect(byRule.length).toBeGreaterThan(0);
    }
    // The health read model (migration 5) says what the previous release's full scans said.
    const scanFailed = db
      .prepare<[], { rule_id: number; target_id: number }>(
        `SELECT rule_id, target_id FROM (
           SELECT rule_id, target_id, status, ROW_NUMBER() OVER (PARTITION BY rule_id, target_id ORDER BY requested_at DESC, id DESC) AS n
           FROM snapshots WHERE rule_id IS NOT NULL AND status IN ('available', 'error', 'deleting', 'deleted')
         ) WHERE n = 1 AND status = 'error'`,
      )
      .all();
    const failed = repos.snapshots.failedRulesByTarget();
    expect([...failed].flatMap(([t, rules]) => [...rules].map((r) => `${r}:${t}`)).sort()).toEqual(
      scanFailed.map((r) => `${r.rule_id}:${r.target_id}`).sort(),
    );
    const scanSuccess = db
      .prepare<[], { target_id: number; at: string }>(
        "SELECT target_id, MAX(COALESCE(completed_at, requested_at)) AS at FROM snapshots WHERE status = 'available' GROUP BY target_id",
      )
      .all();
    expect(repos.snapshots.lastSuccessByTarget()).toEqual(new Map(scanSuccess.map((r) => [r.target_id, r.at])));
    // ... and stays in step as rows change: the newest success of a target is deleted.
    const newest = db
      .prepare<[], { id: number; target_id: number }>(
        "SELECT id, target_id FROM snapshots WHERE status = 'available' ORDER BY completed_at DESC, id DESC LIMIT 1",
      )
      .get()!;
    repos.snapshots.setDeleted(newest.id, '2027-01-01T00:00:00.000Z');
    const after = db
      .prepare<[number], { at: string }>(
        "SELECT MAX(COALESCE(completed_at, requested_at)) AS at FROM snapshots WHERE status = 'available' AND target_id = ?",
      )
      .get(newest.target_id)!.at;
    expect(repos.snapshots.lastSuccessByTarget().get(newest.target_id)).toBe(after);
    // The previous release's unfinished rows are still there for reconciliation.
    expect(repos.snapshots.listPending()).toHaveLength(7500);
    db.close();
  });

  it('allows one row per target of a slot, still only one per (rule, target, slot)', () => {
    const file = join(dir, 'v3b.sqlite');
    previousReleaseDatabase(file);
    const db = openDatabase(file);
    const repos = createRepositories(db);
    const intent = (targetId: number) =>
      repos.snapshots.insertIntent({
        ruleId: 1,
        targetId,
        name: `n-${targetId}`,
        slotAt: '2027-06-01T03:00:00.000Z',
        requestedAt: '2027-06-01T03:00:00.000Z',
      });
    expect(intent(2)).toBeDefined();
    expect(intent(4)).toBeDefined();
    expect(intent(2)).toBeUndefined();
    db.close();
  });

  it('deletes a one-target rule with its account, as the previous release did, but keeps a selector rule', () => {
    const file = join(dir, 'v3c.sqlite');
    previousReleaseDatabase(file);
    const db = openDatabase(file);
    const repos = createRepositories(db);
    const selector = repos.rules.insert(
      {
        selection: {
          mode: 'selector',
          selector: {
            accountIds: [2],
            providers: [],
            regions: [],
            kinds: [],
            tagsInclude: [],
            tagsExclude: [],
            namePattern: '',
          },
        },
        name: 'all of account 2',
        schedule: { kind: 'daily', time: '03:00', weekdays: [1], timeZone: 'UTC' },
        retention: { keepLast: 3, keepDays: null, gfs: null },
        nameTemplate: 'x-{volume}',
        enabled: true,
        catchUp: 'once',
      },
      '2027-01-01T00:00:00.000Z',
    );
    // Account 2 holds targets 1, 4, 7, ...; 7 is gone and so does not join.
    expect(repos.rules.targets.members(selector.id)).toHaveLength(39);
    const rulesOfAccount2 = repos.rules.listByAccount(2).filter((r) => r.id !== selector.id).length;
    expect(rulesOfAccount2).toBeGreaterThan(0);
    repos.accounts.remove(2);
    expect(repos.rules.list()).toHaveLength(50 - rulesOfAccount2 + 1);
    expect(repos.rules.get(selector.id)).toBeDefined();
    expect(repos.rules.targets.members(selector.id)).toEqual([]);
    db.close();
  });
});
