/**
 * A fleet for the list journeys (issue 15, "Lists"): volumes whose names only
 * sort right naturally (vol-1, vol-2, vol-10, vol-100), one covered by two
 * rules, one with a name and an error too long for their cells, and a long
 * history (60,000 snapshot rows, 60,000 events) at fixed times so dates can be
 * jumped to. Written straight into the bridge's database in one transaction.
 */
import type { Bridge } from '../../bridge/server';

/** The newest bulk snapshot; bulk row i is requested 10 minutes × i earlier. */
export const historyEnd = Date.UTC(2026, 5, 1);
export const bulkRows = 60_000;
export const longName = 'analytics-warehouse-primary-replica-eu-central-with-a-name-far-too-long-for-its-column-0001';
export const longError =
  'DigitalOcean refused the snapshot: the volume has reached its limit of 25 snapshots. Lower the retention of this rule or delete old snapshots in the DigitalOcean console, then run the rule again.';

export interface ListsFleet {
  targets: Record<string, number>;
  rules: Record<string, number>;
}

export function seedListsFleet(bridge: Bridge): ListsFleet {
  const db = bridge.core.repos.db;
  const iso = (ms: number) => new Date(ms).toISOString();
  const at = iso(historyEnd);
  return db.transaction(() => {
    const account = Number(
      db
        .prepare(
          "INSERT INTO accounts (provider, name, secret_ref, status, created_at) VALUES ('digitalocean', 'Production', NULL, 'ok', ?)",
        )
        .run(at).lastInsertRowid,
    );
    const addTarget = db.prepare(
      `INSERT INTO targets (account_id, provider_id, kind, name, region, size_gb, tags, snapshotable, last_seen_at)
       VALUES (?, ?, 'volume', ?, 'fra1', ?, '[]', 1, ?)`,
    );
    const targets: Record<string, number> = {};
    ['vol-100', 'vol-10', 'vol-2', 'vol-20', 'vol-1', longName].forEach((name, i) => {
      targets[name] = Number(addTarget.run(account, `pid-${i}`, name, 10 * (i + 1), at).lastInsertRowid);
    });
    const addRule = db.prepare(
      `INSERT INTO rules (selection, name, schedule, retention, name_template, enabled, catch_up, created_at, updated_at)
       VALUES (json_object('mode', 'explicit', 'targetIds', json_array(?)), ?, ?, ?, 'volsnap-{volume}-{utc}', 1, 'once', ?, ?)`,
    );
    const addMember = db.prepare('INSERT INTO rule_targets (rule_id, target_id, joined_at) VALUES (?, ?, ?)');
    const schedule = JSON.stringify({ kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' });
    const retention = JSON.stringify({ keepLast: 14, keepDays: null, gfs: null });
    const rules: Record<string, number> = {};
    const rule = (name: string, target: string) => {
      const id = Number(addRule.run(targets[target], name, schedule, retention, at, at).lastInsertRowid);
      addMember.run(id, targets[target], at);
      rules[name] = id;
    };
    rule('Daily vol-100', 'vol-100');
    rule('Daily vol-10', 'vol-10');
    rule('Daily vol-2', 'vol-2');
    rule('Daily vol-1', 'vol-1');
    rule('Hourly vol-1', 'vol-1');
    rule('Daily vol-20', 'vol-20');
    rule('Daily analytics', longName);

    const addSnapshot = db.prepare(
      `INSERT INTO snapshots (rule_id, target_id, provider_snapshot_id, name, status, slot_at, requested_at, completed_at, size_gb, error)
       VALUES (@rule, @target, @pid, @name, @status, @at, @at, @done, @size, @error)`,
    );
    const snapshot = (target: string, ruleName: string, name: string, ms: number, error: string | null = null) =>
      addSnapshot.run({
        rule: rules[ruleName],
        target: targets[target],
        pid: error ? null : `snap-${name}`,
        name,
        status: error ? 'error' : 'available',
        at: iso(ms),
        done: iso(ms + 60_000),
        size: error ? null : 10,
        error,
      });
    // The newest rows: four copies of vol-20 that sort right only naturally, and one long failure.
    ['vol-20-copy-100', 'vol-20-copy-2', 'vol-20-copy-10', 'vol-20-copy-1'].forEach((name, i) =>
      snapshot('vol-20', 'Daily vol-20', name, historyEnd + (i + 1) * 3_600_000),
    );
    snapshot(longName, 'Daily analytics', 'analytics-failed-run', historyEnd + 6 * 3_600_000, longError);
    const bulkTargets = ['vol-1', 'vol-2', 'vol-10', 'vol-100'];
    for (let i = 0; i < bulkRows; i++) {
      const target = bulkTargets[i % 4]!;
      snapshot(target, `Daily ${target}`, `bulk-${i}`, historyEnd - i * 600_000);
    }
    const addEvent = db.prepare(
      "INSERT INTO events (at, level, type, message, target_id) VALUES (?, ?, 'run.succeeded', ?, ?)",
    );
    for (let i = 0; i < bulkRows; i++)
      addEvent.run(iso(historyEnd - i * 600_000), i % 50 ? 'info' : 'error', `Event ${i}`, targets['vol-1']);
    return { targets, rules };
  })();
}
