/**
 * The database for the sorted-lists scenario, in the fleet's shape (10
 * accounts, 10,000 volumes, 1,990 one-volume rules and 10 selector rules over
 * 1,000 volumes each, 1,000,000 snapshot rows, 1,000,000 activity rows), but
 * written through the latest schema, so the triggers keep the read model and
 * the sort key as rows go in (reusing the fleet's cache would mean migrating
 * it from schema 4, which rebuilds the read model at great cost). Cached in
 * the temp folder under its own name.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/db';
import { latestVersion } from '../../src/main/db/migrations';
import { REGIONS } from '../lib/world';

const SEED_VERSION = 1;
const ACCOUNTS = 10;
const TARGETS = 10_000;
const SINGLE_RULES = 1_990;
const SELECTOR_RULES = 10;
const SNAPSHOTS = 1_000_000;
const EVENTS = 1_000_000;
const DAY = 86_400_000;
export const LISTS_BASE = Date.UTC(2026, 0, 1);
/** The first selector rule's id (its 1,000 volumes hold about 84,000 rows). */
export const SELECTOR_RULE = SINGLE_RULES + 1;

function seed(file: string): void {
  const db = openDatabase(file);
  const iso = (ms: number) => new Date(ms).toISOString();
  const schedule = JSON.stringify({ kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' });
  const retention = JSON.stringify({ keepLast: 7, keepDays: null, gfs: null });
  db.transaction(() => {
    const account = db.prepare(
      "INSERT INTO accounts (provider, name, status, created_at) VALUES ('digitalocean', ?, 'ok', ?)",
    );
    for (let a = 1; a <= ACCOUNTS; a++) account.run(`Account ${a}`, iso(LISTS_BASE));
    const target = db.prepare(
      "INSERT INTO targets (account_id, provider_id, kind, name, region, size_gb, tags, snapshotable, last_seen_at) VALUES (?, ?, 'volume', ?, ?, ?, '[]', 1, ?)",
    );
    for (let t = 1; t <= TARGETS; t++)
      target.run(
        ((t - 1) % ACCOUNTS) + 1,
        `vol-${t}`,
        `data-${t}`,
        REGIONS[t % REGIONS.length],
        10 + (t % 50),
        iso(LISTS_BASE),
      );
    const rule = db.prepare(
      "INSERT INTO rules (selection, name, schedule, retention, name_template, enabled, catch_up, created_at, updated_at) VALUES (?, ?, ?, ?, 'volsnap-{volume}-{utc}', 1, 'once', ?, ?)",
    );
    const member = db.prepare('INSERT INTO rule_targets (rule_id, target_id, joined_at) VALUES (?, ?, ?)');
    for (let r = 1; r <= SINGLE_RULES; r++) {
      rule.run(
        JSON.stringify({ mode: 'explicit', targetIds: [r] }),
        `Rule ${r}`,
        schedule,
        retention,
        iso(LISTS_BASE),
        iso(LISTS_BASE),
      );
      member.run(r, r, iso(LISTS_BASE));
    }
    for (let g = 0; g < SELECTOR_RULES; g++) {
      const selector = {
        accountIds: [],
        providers: [],
        regions: [],
        kinds: [],
        tagsInclude: [`group-${g}`],
        tagsExclude: [],
        namePattern: '',
      };
      const id = Number(
        rule.run(
          JSON.stringify({ mode: 'selector', selector }),
          `Group ${g}`,
          schedule,
          retention,
          iso(LISTS_BASE),
          iso(LISTS_BASE),
        ).lastInsertRowid,
      );
      for (let t = g === 0 ? SELECTOR_RULES : g; t <= TARGETS; t += SELECTOR_RULES) member.run(id, t, iso(LISTS_BASE));
    }
    const pairs = db.prepare('SELECT rule_id, target_id FROM rule_targets').all() as {
      rule_id: number;
      target_id: number;
    }[];
    const snap = db.prepare(
      'INSERT INTO snapshots (rule_id, target_id, provider_snapshot_id, name, status, slot_at, requested_at, completed_at, size_gb, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const perPair = Math.ceil(SNAPSHOTS / pairs.length);
    let n = 0;
    for (const p of pairs)
      for (let k = 0; k < perPair && n < SNAPSHOTS; k++, n++) {
        const at = LISTS_BASE + (200 - perPair + k) * DAY + (n % 1440) * 60_000;
        const status = k >= perPair - 7 ? (n % 97 === 0 ? 'error' : 'available') : 'deleted';
        snap.run(
          p.rule_id,
          p.target_id,
          `s-${n}`,
          `volsnap-data-${p.target_id}-${k}`,
          status,
          iso(at),
          iso(at),
          iso(at + 30_000),
          status === 'error' ? null : 10 + (n % 50),
          status === 'error' ? 'DigitalOcean answered 500.' : null,
        );
      }
    const event = db.prepare(
      "INSERT INTO events (at, level, type, message, account_id, target_id, rule_id) VALUES (?, ?, ?, 'Snapshot is ready.', ?, ?, ?)",
    );
    for (let e = 1; e <= EVENTS; e++) {
      const t = (e % TARGETS) + 1;
      event.run(
        iso(LISTS_BASE + e * 15_000),
        e % 50 ? 'info' : 'error',
        e % 50 ? 'run.succeeded' : 'run.failed',
        ((t - 1) % ACCOUNTS) + 1,
        t,
        (e % 2000) + 1,
      );
    }
  })();
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The cached seeded database, created when missing. */
export function listsDatabase(): string {
  const dir = join(tmpdir(), 'volsnap-bench-cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `lists-s${latestVersion}-v${SEED_VERSION}.sqlite`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  seed(partial);
  renameSync(partial, file);
  return file;
}
