/**
 * 6. Memory over 24 simulated hours: 1,000 rules (every 6 hours, slots spread
 * over the first 6 hours, keep the last 2) on 10 accounts; the real engine and
 * clients against the emulators, on VirtualTime so a day runs in seconds.
 * Heap and RSS are read after a forced full GC (node --expose-gc) after
 * start-up and every 6 simulated hours. The emulators run in this process; their
 * state is bounded here (retention deletes), so growth is volsnap's.
 */
import type { ScenarioResult } from '../lib/result';
import { summarize } from '../lib/stats';
import { settleEngine, VirtualTime } from '../lib/virtual-time';
import { buildWorld, gcAndMeasure } from '../lib/world';

const HOUR = 3_600_000;
const RULES = 1_000;

async function once() {
  const start = Date.UTC(2026, 5, 1);
  const vt = new VirtualTime(start);
  const world = await buildWorld({
    accounts: 10,
    volumesPerAccount: 100,
    clock: vt,
    engine: { setAlarm: vt.setAlarm, sleep: vt.sleep },
    budget: 'none',
  });
  try {
    world.addRules(RULES, (i) => ({
      schedule: {
        kind: 'interval',
        every: 6,
        unit: 'hours',
        anchor: new Date(start + 60_000 + Math.floor((i * 6 * HOUR) / RULES)).toISOString(),
        timeZone: 'UTC',
      },
      retention: { keepLast: 2, keepDays: null, gfs: null },
    }));
    await world.core.engine.start();
    const settle = () => settleEngine(world.core.engine, vt);
    await settle();
    const points = [{ hour: 0, ...gcAndMeasure() }];
    const t0 = performance.now();
    for (let h = 6; h <= 24; h += 6) {
      await vt.advanceTo(start + h * HOUR, settle);
      points.push({ hour: h, ...gcAndMeasure() });
    }
    const wallMs = performance.now() - t0;
    const runs = Number(
      world.core.repos.db
        .prepare("SELECT COUNT(*) FROM snapshots WHERE status IN ('available', 'deleted')")
        .pluck()
        .get(),
    );
    const deleted = Number(
      world.core.repos.db.prepare("SELECT COUNT(*) FROM snapshots WHERE status = 'deleted'").pluck().get(),
    );
    const errors = Number(
      world.core.repos.db.prepare("SELECT COUNT(*) FROM snapshots WHERE status = 'error'").pluck().get(),
    );
    return { points, wallMs, runs, deleted, errors, requests: world.requests().total };
  } finally {
    await world.close();
  }
}

export async function runMemory(runs: number): Promise<ScenarioResult> {
  const samples: Awaited<ReturnType<typeof once>>[] = [];
  for (let r = 0; r < runs; r++) samples.push(await once());
  const at = (h: number, k: 'heapMb' | 'rssMb') =>
    summarize(samples.map((s) => s.points.find((p) => p.hour === h)![k]));
  const growth = (k: 'heapMb' | 'rssMb') => summarize(samples.map((s) => s.points.at(-1)![k] - s.points[1]![k]));
  const heapGrowth = growth('heapMb');
  return {
    id: 'memory',
    title: 'Memory over 24 simulated hours',
    setup: `${RULES} rules on 10 accounts, every 6 hours (slots spread over the first 6 h), keep the last 2; real engine, SQLite and HTTP to the emulators, simulated clock and timers; ${runs} run(s), each took ${Math.round(summarize(samples.map((s) => s.wallMs)).median / 1000)} s of real time.`,
    figures: [
      { label: 'runs completed in 24 h', unit: '', volsnap: summarize(samples.map((s) => s.runs)) },
      { label: 'snapshots deleted by retention', unit: '', volsnap: summarize(samples.map((s) => s.deleted)) },
      {
        label: 'failed runs',
        unit: '',
        volsnap: summarize(samples.map((s) => s.errors)),
        goal: '= 0',
        met: summarize(samples.map((s) => s.errors)).median === 0,
      },
      { label: 'HTTP requests', unit: '', volsnap: summarize(samples.map((s) => s.requests)) },
      { label: 'heap after start', unit: 'MB', volsnap: at(0, 'heapMb') },
      { label: 'heap after 6 h', unit: 'MB', volsnap: at(6, 'heapMb') },
      { label: 'heap after 24 h', unit: 'MB', volsnap: at(24, 'heapMb') },
      {
        label: 'heap growth 6 h → 24 h',
        unit: 'MB',
        volsnap: heapGrowth,
        goal: '≈ 0 (< 5 MB)',
        met: heapGrowth.median < 5,
      },
      { label: 'RSS after start', unit: 'MB', volsnap: at(0, 'rssMb') },
      { label: 'RSS after 24 h', unit: 'MB', volsnap: at(24, 'rssMb') },
      { label: 'RSS growth 6 h → 24 h', unit: 'MB', volsnap: growth('rssMb') },
    ],
    notes: [
      'Growth is measured from the 6-hour mark (every rule has run once, caches and prepared statements exist) to 24 h; the SQLite page cache and the activity/snapshot rows grow with history by design.',
    ],
  };
}
