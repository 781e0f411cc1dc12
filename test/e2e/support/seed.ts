/**
 * Seeds a bridge's database directly (one transaction) for scale tests:
 * accounts, targets, rules and a long snapshot and event history.
 */
import type { Bridge } from '../../bridge/server';

export interface SeedOptions {
  targets: number;
  snapshots: number;
  /** Every n-th target gets a rule. */
  ruleEvery?: number;
  events?: number;
}

export interface Seeded {
  accountIds: number[];
  firstTargetId: number;
  ruleIds: number[];
}

const regions = ['fra1', 'ams3', 'nyc1', 'sfo3', 'sgp1', 'lon1'];

export function seedLarge(bridge: Bridge, options: SeedOptions): Seeded {
  const db = bridge.core.repos.db;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const ruleEvery = options.ruleEvery ?? 2;
  const events = options.events ?? 20_000;

  return db.transaction(() => {
    const addAccount = db.prepare(
      "INSERT INTO accounts (provider, name, secret_ref, status, created_at, last_verified_at) VALUES (@provider, @name, NULL, 'ok', @at, @at)",
    );
    const accountIds = [
      Number(addAccount.run({ provider: 'digitalocean', name: 'Production', at: iso(now) }).lastInsertRowid),
      Number(addAccount.run({ provider: 'scaleway', name: 'Staging', at: iso(now) }).lastInsertRowid),
      Number(addAccount.run({ provider: 'hetzner', name: 'Servers', at: iso(now) }).lastInsertRowid),
    ];
    const addTarget = db.prepare(
      `INSERT INTO targets (account_id, provider_id, kind, name, region, size_gb, attached_to, tags, snapshotable, unsupported_reason, last_seen_at)
       VALUES (@account, @pid, @kind, @name, @region, @size, @attached, '[]', @snap, @reason, @at)`,
    );
    const addRule = db.prepare(
      `INSERT INTO rules (selection, name, schedule, retention, name_template, enabled, catch_up, created_at, updated_at)
       VALUES (json_object('mode', 'explicit', 'targetIds', json_array(@target)), @name, @schedule, @retention, 'volsnap-{volume}-{utc}', 1, 'once', @at, @at)`,
    );
    const addMember = db.prepare('INSERT INTO rule_targets (rule_id, target_id, joined_at) VALUES (?, ?, ?)');
    const schedule = JSON.stringify({ kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' });
    const retention = JSON.stringify({ keepLast: 14, keepDays: null, gfs: null });
    const targetIds: number[] = [];
    const ruleIds: number[] = [];
    const ruleOf = new Map<number, number>();
    for (let i = 0; i < options.targets; i++) {
      const account = accountIds[i % 3]!;
      const hetznerVolume = i % 3 === 2 && i % 6 === 5;
      const id = Number(
        addTarget.run({
          account,
          pid: `vol-${i}`,
          kind: i % 3 === 2 && !hetznerVolume ? 'server' : 'volume',
          name: `vol-${String(i).padStart(5, '0')}-${regions[i % regions.length]}`,
          region: regions[i % regions.length],
          size: 10 + (i % 20) * 5,
          attached: i % 4 === 0 ? `web-${i % 50}` : null,
          snap: hetznerVolume ? 0 : 1,
          reason: hetznerVolume
            ? 'Hetzner Cloud cannot snapshot volumes; snapshot the server it is attached to instead.'
            : null,
          at: iso(now),
        }).lastInsertRowid,
      );
      targetIds.push(id);
      if (!hetznerVolume && i % ruleEvery === 0) {
        const ruleId = Number(
          addRule.run({
            target: id,
            name: `Daily vol-${String(i).padStart(5, '0')}`,
            schedule,
            retention,
            at: iso(now),
          }).lastInsertRowid,
        );
        addMember.run(ruleId, id, iso(now));
        ruleIds.push(ruleId);
        ruleOf.set(id, ruleId);
      }
    }
    const addSnapshot = db.prepare(
      `INSERT INTO snapshots (rule_id, target_id, provider_snapshot_id, name, status, slot_at, requested_at, completed_at, deleted_at, size_gb, error)
       VALUES (@rule, @target, @pid, @name, @status, @slot, @req, @done, @deleted, @size, @error)`,
    );
    const protectedTargets = [...ruleOf.keys()];
    for (let i = 0; i < options.snapshots; i++) {
      const target = protectedTargets[i % protectedTargets.length]!;
      const round = Math.floor(i / protectedTargets.length);
      const requested = now - (round + 1) * 86_400_000 - (i % 3600) * 1000;
      const status = i % 23 === 0 ? 'error' : round > 14 ? 'deleted' : 'available';
      addSnapshot.run({
        rule: ruleOf.get(target),
        target,
        pid: status === 'error' ? null : `snap-${i}`,
        name: `volsnap-t${target}-${i}`,
        status,
        slot: iso(requested),
        req: iso(requested),
        done: iso(requested + 60_000 + (i % 300) * 1000),
        deleted: status === 'deleted' ? iso(requested + 15 * 86_400_000) : null,
        size: status === 'error' ? null : 10 + (i % 20) * 5,
        error:
          status === 'error'
            ? 'DigitalOcean refused the snapshot: the volume has reached its limit of 25 snapshots. Lower the retention or delete old snapshots.'
            : null,
      });
    }
    const addEvent = db.prepare(
      'INSERT INTO events (at, level, type, message, target_id, rule_id) VALUES (@at, @level, @type, @message, @target, @rule)',
    );
    for (let i = 0; i < events; i++) {
      const target = protectedTargets[i % protectedTargets.length]!;
      const failed = i % 23 === 0;
      addEvent.run({
        at: iso(now - i * 60_000),
        level: failed ? 'error' : 'info',
        type: failed ? 'run.failed' : 'run.succeeded',
        message: failed
          ? `Snapshot of target ${target} failed: the provider is rate limiting requests.`
          : `Snapshot of target ${target} is available.`,
        target,
        rule: ruleOf.get(target),
      });
    }
    return { accountIds, firstTargetId: targetIds[0]!, ruleIds };
  })();
}
