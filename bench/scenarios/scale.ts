/**
 * 4. Scale of state: 10 accounts, 5,000 volumes, 10,000 rules, 1,000,000
 * snapshot rows and 1,000,000 activity rows. Seeded once with prepared
 * statements in one transaction and cached in the temp folder (keyed by schema
 * and seed version); each run copies nothing: it only moves every rule's next
 * run to the coming day (outside the measurement) so start-up has nothing due.
 * Measured: createCore + engine.start() (open, migrations checked, statements
 * prepared, reconciliation, rules loaded, the alarm armed), and service calls
 * through the dispatcher (input validation, SQL, output validation).
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../src/main/core';
import { openDatabase } from '../../src/main/db';
import { latestVersion } from '../../src/main/db/migrations';
import { MemorySecretStore, MemorySettingsStore } from '../../test/support/memory-stores';
import type { Figure, ScenarioResult } from '../lib/result';
import { summarize } from '../lib/stats';
import { benchOs, REGIONS } from '../lib/world';

const SEED_VERSION = 1;
const ACCOUNTS = 10;
const TARGETS = 5_000;
const RULES = 10_000;
const SNAPSHOTS_PER_RULE = 100;
const EVENTS = 1_000_000;
const DAY = 86_400_000;

function seed(file: string): number {
  const t0 = performance.now();
  const db = openDatabase(file);
  const base = Date.UTC(2026, 0, 1);
  const iso = (ms: number) => new Date(ms).toISOString();
  const ins = {
    account: db.prepare(
      "INSERT INTO accounts (provider, name, secret_ref, status, created_at) VALUES ('digitalocean', ?, NULL, 'ok', ?)",
    ),
    target: db.prepare(
      "INSERT INTO targets (account_id, provider_id, kind, name, region, size_gb, tags, snapshotable, last_seen_at) VALUES (?, ?, 'volume', ?, ?, 100, '[]', 1, ?)",
    ),
    rule: db.prepare(
      "INSERT INTO rules (selection, name, schedule, retention, name_template, enabled, catch_up, created_at, updated_at) VALUES (json_object('mode', 'explicit', 'targetIds', json_array(?)), ?, ?, ?, 'volsnap-{volume}-{utc}', 1, 'once', ?, ?)",
    ),
    member: db.prepare('INSERT INTO rule_targets (rule_id, target_id, joined_at) VALUES (?, ?, ?)'),
    snapshot: db.prepare(
      'INSERT INTO snapshots (rule_id, target_id, provider_snapshot_id, name, status, slot_at, requested_at, completed_at, deleted_at, size_gb, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    event: db.prepare(
      'INSERT INTO events (at, level, type, message, account_id, target_id, rule_id, snapshot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];
  db.transaction(() => {
    for (let a = 1; a <= ACCOUNTS; a++) ins.account.run(`Account ${a}`, iso(base));
    for (let t = 1; t <= TARGETS; t++)
      ins.target.run(((t - 1) % ACCOUNTS) + 1, `vol-${t}`, `data-${t}`, REGIONS[t % REGIONS.length], iso(base));
    for (let r = 1; r <= RULES; r++) {
      const target = ((r - 1) % TARGETS) + 1;
      const hour = String(r % 24).padStart(2, '0');
      const schedule =
        r % 2
          ? { kind: 'daily', time: `${hour}:00`, weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: zones[r % zones.length] }
          : { kind: 'interval', every: 24, unit: 'hours', anchor: iso(base + (r % 1440) * 60_000), timeZone: 'UTC' };
      ins.rule.run(
        target,
        `Rule ${r}`,
        JSON.stringify(schedule),
        JSON.stringify({ keepLast: 7, keepDays: null, gfs: null }),
        iso(base),
        iso(base),
      );
      ins.member.run(r, target, iso(base));
    }
    let sid = 0;
    for (let r = 1; r <= RULES; r++) {
      const target = ((r - 1) % TARGETS) + 1;
      for (let k = 0; k < SNAPSHOTS_PER_RULE; k++) {
        sid++;
        const at = base + 200 * DAY - (SNAPSHOTS_PER_RULE - k) * DAY + (r % 1440) * 60_000;
        const status = k >= SNAPSHOTS_PER_RULE - 7 ? 'available' : k % 31 === 0 ? 'error' : 'deleted';
        ins.snapshot.run(
          r,
          target,
          status === 'error' ? null : `snap-${sid}`,
          `volsnap-data-${target}-${sid}`,
          status,
          iso(at),
          iso(at),
          iso(at + 30_000),
          status === 'deleted' ? iso(at + 8 * DAY) : null,
          12.5,
          status === 'error' ? 'DigitalOcean answered 500.' : null,
        );
      }
    }
    for (let e = 1; e <= EVENTS; e++) {
      const r = (e % RULES) + 1;
      const target = ((r - 1) % TARGETS) + 1;
      const error = e % 50 === 0;
      ins.event.run(
        iso(base + e * 15_000),
        error ? 'error' : 'info',
        error ? 'run.failed' : 'run.succeeded',
        `Snapshot "volsnap-data-${target}-${e}" of "data-${target}" is ready (12.5 GB).`,
        ((target - 1) % ACCOUNTS) + 1,
        target,
        r,
        null,
      );
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  return performance.now() - t0;
}

/** The cached seeded database, created when missing. */
export function seededDatabase(): { file: string; seedMs: number | null } {
  const dir = join(tmpdir(), 'volsnap-bench-cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `scale-s${latestVersion}-v${SEED_VERSION}.sqlite`);
  if (existsSync(file)) return { file, seedMs: null };
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const seedMs = seed(partial);
  renameSync(partial, file);
  return { file, seedMs };
}

/** Every rule's next run somewhere in the coming day (never due during the measurement). */
function moveNextRuns(file: string): void {
  const db = openDatabase(file);
  const now = Date.now();
  db.prepare(
    "UPDATE rules SET next_run_at = strftime('%Y-%m-%dT%H:%M:%fZ', (? + 3600000 + (id % 1000) * 60000) / 1000.0, 'unixepoch'), attention = NULL",
  ).run(now);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

const CALLS: [string, string, unknown][] = [
  ['snapshots:list (page of 100, all)', 'snapshots:list', {}],
  ['snapshots:list (page of 100, one volume)', 'snapshots:list', { targetId: 1234 }],
  ['activity:list (page of 100, all)', 'activity:list', {}],
  ['activity:list (page of 100, errors)', 'activity:list', { level: 'error' }],
  ['overview:get', 'overview:get', undefined],
];

async function once(file: string) {
  moveNextRuns(file);
  let queries = 0;
  const t0 = performance.now();
  const core = createCore({
    dbFile: file,
    dbVerbose: () => void (queries += 1),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    os: benchOs,
    providers: () => {
      throw new Error('bench: start-up must not need a provider');
    },
  });
  await core.engine.start();
  const readyMs = performance.now() - t0;
  const startupQueries = queries;
  const calls: Record<string, { coldMs: number; warmMs: number; ok: boolean }> = {};
  try {
    for (const [label, channel, input] of CALLS) {
      const c0 = performance.now();
      const first = await core.dispatch(channel, input);
      const coldMs = performance.now() - c0;
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) {
        const w0 = performance.now();
        await core.dispatch(channel, input);
        warm.push(performance.now() - w0);
      }
      calls[label] = { coldMs, warmMs: summarize(warm).median, ok: first.ok };
    }
  } finally {
    await core.engine.stop();
    core.close();
  }
  return { readyMs, startupQueries, calls, armed: true };
}

export async function runScale(runs: number): Promise<ScenarioResult> {
  const { file, seedMs } = seededDatabase();
  const samples: Awaited<ReturnType<typeof once>>[] = [];
  for (let r = 0; r < runs; r++) samples.push(await once(file));
  const ready = summarize(samples.map((s) => s.readyMs));
  const figures: Figure[] = [
    { label: 'start-up to ready', unit: 'ms', volsnap: ready, goal: '< 1000 ms', met: ready.median < 1000 },
    { label: 'SQL statements during start-up', unit: '', volsnap: summarize(samples.map((s) => s.startupQueries)) },
  ];
  for (const [label] of CALLS) {
    const warm = summarize(samples.map((s) => s.calls[label]!.warmMs));
    figures.push({ label: `${label}, warm`, unit: 'ms', volsnap: warm, goal: '< 20 ms', met: warm.median < 20 });
    figures.push({
      label: `${label}, first call`,
      unit: 'ms',
      volsnap: summarize(samples.map((s) => s.calls[label]!.coldMs)),
    });
  }
  const failed = CALLS.filter(([label]) => samples.some((s) => !s.calls[label]!.ok)).map(([l]) => l);
  return {
    id: 'scale',
    title: 'Scale of state',
    setup: `${ACCOUNTS} accounts, ${TARGETS.toLocaleString('en')} volumes, ${RULES.toLocaleString('en')} rules (half daily in four zones, half 24-hour intervals), ${(RULES * SNAPSHOTS_PER_RULE).toLocaleString('en')} snapshot rows, ${EVENTS.toLocaleString('en')} activity rows; database file ${Math.round(statSync(file).size / 1024 / 1024)} MB, ${seedMs === null ? 'reused from the cache' : `seeded in ${(seedMs / 1000).toFixed(1)} s`}. Calls go through the IPC dispatcher (zod in and out), "warm" = median of 5 calls after the first.`,
    figures,
    notes: [
      'No unfinished rows were seeded, so reconciliation had nothing to ask the providers; start-up is the local cost.',
      ...(failed.length ? [`These calls returned an error envelope: ${failed.join(', ')}.`] : []),
    ],
  };
}
