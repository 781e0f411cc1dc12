/**
 * 8. Sorted lists (issue 15, "Lists"), on a fleet-sized database (10 accounts,
 * 10,000 volumes, 2,000 rules of which 10 select 1,000 volumes each,
 * 1,000,000 snapshot rows, 1,000,000 activity rows; lists-seed.ts):
 * a page of the snapshot list in every order it offers, with and without
 * filters, a deep page, "jump to a date", and what the stored natural-order
 * key costs and saves: its backfill (migration 8) and the two alternatives it
 * replaced (a key computed in ORDER BY, and sorting every name in JavaScript).
 */
import { createCore } from '../../src/main/core';
import { openDatabase } from '../../src/main/db';
import { compareNatural } from '../../src/shared/natural-sort';
import { MemorySecretStore, MemorySettingsStore } from '../../test/support/memory-stores';
import type { Figure, ScenarioResult } from '../lib/result';
import { summarize } from '../lib/stats';
import { benchOs } from '../lib/world';
import { listsDatabase, SELECTOR_RULE } from './lists-seed';

/** A date in the middle of both histories. */
const MID = '2026-05-01T00:00:00.000Z';

const CALLS: [string, string, Record<string, unknown>, number | null][] = [
  ['snapshots:list, newest first (default)', 'snapshots:list', {}, 20],
  ['snapshots:list, by name (natural), A→Z', 'snapshots:list', { sort: 'name', dir: 'asc' }, 20],
  ['snapshots:list, by name, Z→A', 'snapshots:list', { sort: 'name', dir: 'desc' }, 20],
  ['snapshots:list, by status', 'snapshots:list', { sort: 'status', dir: 'asc' }, 20],
  ['snapshots:list, by size, biggest first', 'snapshots:list', { sort: 'size', dir: 'desc' }, 20],
  ['snapshots:list, by name, errors only', 'snapshots:list', { sort: 'name', dir: 'asc', status: 'error' }, 20],
  ['snapshots:list, by name, one volume', 'snapshots:list', { sort: 'name', dir: 'asc', targetId: 1234 }, 20],
  [
    'snapshots:list, by name, one selector rule (~84,000 rows)',
    'snapshots:list',
    { sort: 'name', dir: 'asc', ruleId: SELECTOR_RULE },
    20,
  ],
  [
    'snapshots:list, newest first, one selector rule',
    'snapshots:list',
    { sort: 'time', dir: 'desc', ruleId: SELECTOR_RULE },
    20,
  ],
  [
    'snapshots:list, by name, page at row 500,000',
    'snapshots:list',
    { sort: 'name', dir: 'asc', offset: 500_000 },
    null,
  ],
  ['activity:list, oldest first', 'activity:list', { dir: 'asc' }, 20],
  ['snapshots:positionAt (jump to a date), all', 'snapshots:positionAt', { at: MID }, 20],
  ['snapshots:positionAt, one selector rule', 'snapshots:positionAt', { at: MID, ruleId: SELECTOR_RULE }, 20],
  ['activity:positionAt (jump to a date), all', 'activity:positionAt', { at: MID }, 20],
];

async function calls(file: string): Promise<{ figures: Figure[]; notes: string[] }> {
  const core = createCore({
    dbFile: file,
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
      const c0 = performance.now();
      const first = await core.dispatch(channel, { limit: 100, ...input });
      const coldMs = performance.now() - c0;
      if (!first.ok) notes.push(`${label} failed: ${first.error.message}`);
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await core.dispatch(channel, { limit: 100, ...input });
        warm.push(performance.now() - t0);
      }
      const s = summarize(warm);
      figures.push({
        label: `${label}, warm`,
        unit: 'ms',
        volsnap: s,
        ...(goal ? { goal: `< ${goal} ms`, met: s.median < goal } : {}),
      });
      figures.push({ label: `${label}, first call`, unit: 'ms', volsnap: summarize([coldMs]) });
    }
  } finally {
    core.close();
  }
  return { figures, notes };
}

/** The stored key's costs and the alternatives it replaced, measured on the same rows (nothing is kept). */
function keyCosts(file: string): Figure[] {
  const db = openDatabase(file);
  try {
    const time = (fn: () => void) => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    };
    const backfill = time(() => {
      db.exec('BEGIN');
      try {
        db.prepare('UPDATE snapshots SET name_key = natural_key(name)').run();
      } finally {
        db.exec('ROLLBACK');
      }
    });
    const computed = time(() => db.prepare('SELECT id FROM snapshots ORDER BY natural_key(name), id LIMIT 100').all());
    const inJs = time(() => {
      const names = db.prepare<[], { name: string }>('SELECT name FROM snapshots').all();
      names.sort((a, b) => compareNatural(a.name, b.name));
    });
    const insert = time(() => {
      db.exec('BEGIN');
      try {
        const add = db.prepare(
          "INSERT INTO snapshots (rule_id, target_id, name, status, requested_at) VALUES (1, 1, ?, 'available', ?)",
        );
        for (let i = 0; i < 1000; i++)
          add.run(`volsnap-bench-${i}`, new Date(Date.UTC(2027, 0, 1, 0, i)).toISOString());
      } finally {
        db.exec('ROLLBACK');
      }
    });
    return [
      {
        label: 'migration 8 backfill: name_key for 1,000,000 rows (index kept up)',
        unit: 'ms',
        volsnap: summarize([backfill]),
      },
      {
        label: '1,000 snapshot inserts with the key trigger and 3 new indexes',
        unit: 'ms',
        volsnap: summarize([insert]),
      },
      {
        label: 'alternative: natural_key() computed in ORDER BY (no index), first page',
        unit: 'ms',
        volsnap: summarize([computed]),
      },
      { label: 'alternative: every name loaded and sorted in JavaScript', unit: 'ms', volsnap: summarize([inJs]) },
    ];
  } finally {
    db.close();
  }
}

export async function runLists(): Promise<ScenarioResult> {
  const file = listsDatabase();
  const { figures, notes } = await calls(file);
  figures.push(...keyCosts(file));
  return {
    id: 'lists',
    title: 'Sorted lists',
    setup:
      'A fleet-sized database (10,000 volumes, 2,000 rules, 1,000,000 snapshot rows, 1,000,000 activity rows); pages of 100 through the IPC dispatcher (zod in and out), "warm" = median of 5 calls after the first.',
    figures,
    notes,
  };
}
