/**
 * 7. Fleet (issue 12). Two parts:
 * - Read paths at 10 accounts, 10,000 volumes, 2,000 rules (1,990 one-volume
 *   rules and 10 selector rules over 1,000 volumes each), 1,000,000 snapshot
 *   rows and 1,000,000 activity rows (seeded once, cached in the temp folder):
 *   the Overview summary, the old full Overview, slot progress, a selector's
 *   live matches, pages of snapshots and activity, and a refresh of all
 *   10,000 volumes diffed and applied (local work: the listings are given).
 * - 1,000 volumes due in the same second through ONE selector rule, in real
 *   time against the DigitalOcean emulators with the real budget: lateness of
 *   the first and of every create after the slot.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../src/main/core';
import { latestVersion, migrate } from '../../src/main/db/migrations';
import { openDatabase } from '../../src/main/db';
import { syncSelectorRules } from '../../src/main/service/discovery';
import type { FoundTarget } from '../../src/main/db/repositories/targets';
import { MemorySecretStore, MemorySettingsStore } from '../../test/support/memory-stores';
import type { Figure, ScenarioResult } from '../lib/result';
import { summarize } from '../lib/stats';
import { benchOs, REGIONS } from '../lib/world';
import { burst, burstFigures, idleFigures, idleWithSelectors, type BurstRun } from './fleet-live';

const SEED_VERSION = 2;
const ACCOUNTS = 10;
const TARGETS = 10_000;
const SINGLE_RULES = 1_990;
const SELECTOR_RULES = 10;
const SNAPSHOTS = 1_000_000;
const EVENTS = 1_000_000;
const DAY = 86_400_000;

/** Seeds through the previous schema step (4) with plain inserts, then opens: migration 5 builds the read model. */
function seed(file: string): void {
  const db = new Database(file);
  migrate(db, 4);
  const base = Date.UTC(2026, 0, 1);
  const iso = (ms: number) => new Date(ms).toISOString();
  const schedule = JSON.stringify({ kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' });
  const retention = JSON.stringify({ keepLast: 7, keepDays: null, gfs: null });
  db.transaction(() => {
    const account = db.prepare(
      "INSERT INTO accounts (provider, name, status, created_at) VALUES ('digitalocean', ?, 'ok', ?)",
    );
    for (let a = 1; a <= ACCOUNTS; a++) account.run(`Account ${a}`, iso(base));
    const target = db.prepare(
      "INSERT INTO targets (account_id, provider_id, kind, name, region, size_gb, tags, snapshotable, last_seen_at) VALUES (?, ?, 'volume', ?, ?, 100, ?, 1, ?)",
    );
    for (let t = 1; t <= TARGETS; t++)
      target.run(
        ((t - 1) % ACCOUNTS) + 1,
        `vol-${t}`,
        `data-${t}`,
        REGIONS[t % REGIONS.length],
        JSON.stringify([`group-${t % SELECTOR_RULES}`]),
        iso(base),
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
        iso(base),
        iso(base),
      );
      member.run(r, r, iso(base));
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
          iso(base),
          iso(base),
        ).lastInsertRowid,
      );
      for (let t = g === 0 ? SELECTOR_RULES : g; t <= TARGETS; t += SELECTOR_RULES) member.run(id, t, iso(base));
    }
    const pairs = db.prepare('SELECT rule_id, target_id FROM rule_targets').all() as {
      rule_id: number;
      target_id: number;
    }[];
    const snap = db.prepare(
      'INSERT INTO snapshots (rule_id, target_id, provider_snapshot_id, name, status, slot_at, requested_at, completed_at, size_gb, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 12.5, ?)',
    );
    const perPair = Math.ceil(SNAPSHOTS / pairs.length);
    let n = 0;
    for (const p of pairs)
      for (let k = 0; k < perPair && n < SNAPSHOTS; k++, n++) {
        const at = base + (200 - perPair + k) * DAY;
        const status = k >= perPair - 7 ? (n % 97 === 0 ? 'error' : 'available') : 'deleted';
        snap.run(
          p.rule_id,
          p.target_id,
          `s-${n}`,
          `volsnap-${n}`,
          status,
          iso(at),
          iso(at),
          iso(at + 30_000),
          status === 'error' ? 'DigitalOcean answered 500.' : null,
        );
      }
    const event = db.prepare(
      "INSERT INTO events (at, level, type, message, account_id, target_id, rule_id) VALUES (?, ?, ?, 'Snapshot is ready.', ?, ?, ?)",
    );
    for (let e = 1; e <= EVENTS; e++) {
      const t = (e % TARGETS) + 1;
      event.run(
        iso(base + e * 15_000),
        e % 50 ? 'info' : 'error',
        e % 50 ? 'run.succeeded' : 'run.failed',
        ((t - 1) % ACCOUNTS) + 1,
        t,
        (e % 2000) + 1,
      );
    }
  })();
  db.close();
  const opened = openDatabase(file); // migration 5: the health read model is built here
  opened.exec('ANALYZE');
  opened.pragma('wal_checkpoint(TRUNCATE)');
  opened.close();
}

function fleetDatabase(): string {
  const dir = join(tmpdir(), 'volsnap-bench-cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `fleet-s${latestVersion}-v${SEED_VERSION}.sqlite`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  seed(partial);
  renameSync(partial, file);
  return file;
}

const CALLS: [string, string, unknown, number | null][] = [
  ['overview:summary', 'overview:summary', undefined, 20],
  ['overview:get (every target, the old path)', 'overview:get', undefined, null],
  ['rules:progress (every rule)', 'rules:progress', undefined, 20],
  [
    'rules:matchTargets (selector over 1,000 of 10,000)',
    'rules:matchTargets',
    {
      selection: {
        mode: 'selector',
        selector: {
          accountIds: [],
          providers: [],
          regions: [],
          kinds: [],
          tagsInclude: ['group-3'],
          tagsExclude: [],
          namePattern: '',
        },
      },
    },
    50,
  ],
  ['snapshots:list (page, errors only)', 'snapshots:list', { status: 'error' }, 20],
  ['activity:list (page, errors only)', 'activity:list', { level: 'error' }, 20],
];

async function readPaths(): Promise<{ figures: Figure[]; notes: string[] }> {
  const core = createCore({
    dbFile: fleetDatabase(),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    os: benchOs,
    providers: () => {
      throw new Error('bench: no provider needed');
    },
  });
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    for (const [label, channel, input, goal] of CALLS) {
      const first = await core.dispatch(channel, input);
      if (!first.ok) notes.push(`${channel} failed: ${first.error.message}`);
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await core.dispatch(channel, input);
        warm.push(performance.now() - t0);
      }
      const s = summarize(warm);
      figures.push({
        label: `${label}, warm`,
        unit: 'ms',
        volsnap: s,
        ...(goal ? { goal: `< ${goal} ms`, met: s.median < goal } : {}),
      });
    }
    figures.push(...(await afterWriteFigures(core)));
    figures.push(refreshFigure(core));
  } finally {
    core.close();
  }
  return { figures, notes };
}

/** Warm reads of the tray model, and the first read of each after a data change (one activity row written). */
async function afterWriteFigures(core: ReturnType<typeof createCore>): Promise<Figure[]> {
  const timed = async (channel: string) => {
    const t0 = performance.now();
    const answer = await core.dispatch(channel, undefined);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
    return performance.now() - t0;
  };
  const warm: number[] = [];
  const summaryCold: number[] = [];
  const trayAfter: number[] = [];
  const trayAlone: number[] = [];
  await timed('tray:state');
  for (let i = 0; i < 5; i++) warm.push(await timed('tray:state'));
  for (let i = 0; i < 5; i++) {
    const write = () =>
      core.context.activity.record({
        level: 'info',
        type: 'run.succeeded',
        message: 'bench write',
        accountId: null,
        targetId: null,
        ruleId: null,
      });
    write();
    summaryCold.push(await timed('overview:summary'));
    trayAfter.push(await timed('tray:state'));
    write();
    trayAlone.push(await timed('tray:state'));
  }
  const fig = (label: string, values: number[], goal?: number): Figure => {
    const s = summarize(values);
    return { label, unit: 'ms', volsnap: s, ...(goal ? { goal: `< ${goal} ms`, met: s.median < goal } : {}) };
  };
  return [
    fig('tray:state (tray read model), warm', warm, 5),
    fig('overview:summary, first read after a data change (one summary pass)', summaryCold, 20),
    fig('tray:state right after that summary read (shares its pass)', trayAfter, 5),
    fig('tray:state, first read after a data change (its own summary pass)', trayAlone, 5),
  ];
}

/** A refresh of every account (10 × 1,000 volumes, one new per account) diffed, applied and matched against the selectors. */
function refreshFigure(core: ReturnType<typeof createCore>): Figure {
  const listings = new Map<number, FoundTarget[]>();
  for (const t of core.repos.targets.list()) {
    const list = listings.get(t.accountId) ?? [];
    list.push({
      providerId: t.providerId,
      kind: t.kind,
      name: t.name,
      region: t.region,
      sizeGb: t.sizeGb,
      attachedTo: t.attachedTo,
      tags: t.tags,
      snapshotable: t.snapshotable,
      unsupportedReason: null,
    });
    listings.set(t.accountId, list);
  }
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    for (const [accountId, list] of listings)
      list.push({ ...list[0]!, providerId: `new-${run}-${accountId}`, name: `new-${run}-${accountId}` });
    const at = new Date(Date.now() + run * 1000).toISOString();
    const t0 = performance.now();
    for (const [accountId, list] of listings) {
      core.repos.targets.sync(accountId, list, at);
      syncSelectorRules(core.context, at);
    }
    times.push(performance.now() - t0);
  }
  const s = summarize(times);
  return {
    label: 'refresh of 10,000 volumes diffed and applied (10 accounts, selectors re-matched)',
    unit: 'ms',
    volsnap: s,
    goal: '< 1000 ms',
    met: s.median < 1000,
  };
}

export async function runFleet(): Promise<ScenarioResult> {
  const reads = await readPaths();
  const shown: BurstRun[] = [];
  for (let run = 0; run < 3; run++) shown.push(await burst(true));
  const hidden = [await burst(false)];
  const idle = await idleWithSelectors(30_000);
  return {
    id: 'fleet',
    title: 'Fleet: 10,000 volumes, 2,000 rules (10 selectors over 1,000 each), 1,000,000 snapshots',
    setup:
      'Read paths through the dispatcher on a seeded database (warm median of 5, and after a write); a refresh of 10,000 volumes as local work; one selector rule over 1,000 volumes due at once in real time against 10 DigitalOcean emulators with the real budget, with the window and tray consumers attached (3 runs shown, 1 hidden); idle with selector rules in real time.',
    figures: [...reads.figures, ...burstFigures(shown, hidden), ...idleFigures(idle)],
    notes: [
      ...reads.notes,
      ...shown.map(
        (r, i) =>
          `burst ${i + 1}: ${r.creates} creates, ${r.changeEvents} change events -> ${r.pushesSent} pushes, ${r.windowQueries} window queries, ${r.summaryPasses} summary passes, longest block ${r.longestBlockMs.toFixed(1)} ms wall, ${r.longestBlockCpuMs.toFixed(1)} ms CPU`,
      ),
      `hidden: ${hidden[0]!.changeEvents} change events -> ${hidden[0]!.pushesSent} pushes, ${hidden[0]!.windowQueries} queries`,
      `idle with selectors: ${JSON.stringify(idle)}`,
    ],
  };
}
