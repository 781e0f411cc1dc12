/**
 * 1. Idle cost. Two measurements:
 *  - real time: bench/idle-child.ts in its own process for a 60 s window
 *    (started first by run.ts, so it runs in the background of the others);
 *  - one simulated hour (VirtualTime) for volsnap and the legacy model on the
 *    same database, to count wake-ups and queries per hour of a design that
 *    polls every 5 minutes (a 60 s real window would catch 0 or 1 of its ticks).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LegacyChecker } from '../legacy-checker';
import type { ScenarioResult } from '../lib/result';
import { summarize, type Summary } from '../lib/stats';
import { settleEngine, VirtualTime } from '../lib/virtual-time';
import { buildWorld, type World } from '../lib/world';
import { createProviderClient, RequestBudget } from '../../src/main/providers';

const HOUR = 3_600_000;
const RULES = 1_000;

export interface IdleChildResult {
  windowMs: number;
  timersFired: number;
  queries: number;
  requests: number;
  cpuMs: number;
  rssStartMb: number;
  rssEndMb: number;
  heapStartMb: number;
  startMs: number;
  startupQueries: number;
  armedInS: number | null;
}

/** Starts `count` idle children at once; they share nothing, so running them side by side is fair. */
export function startIdleChildren(count: number, windowMs: number): Promise<IdleChildResult[]> {
  const script = fileURLToPath(new URL('../idle-child.ts', import.meta.url));
  const one = () =>
    new Promise<IdleChildResult>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, String(windowMs)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.on('error', reject);
      child.on('exit', (code) => {
        const line = out.trim().split('\n').at(-1) ?? '';
        if (code !== 0) return reject(new Error(`idle child exited with ${code}`));
        resolve(JSON.parse(line) as IdleChildResult);
      });
    });
  return Promise.all(Array.from({ length: count }, one));
}

/** Rules due between 1 h and 2 h from `now` (24 h interval), each with a snapshot taken 23 h before its slot. */
function seedIdleRules(world: World, now: number): void {
  const first = now + HOUR;
  world.addRules(RULES, (i) => ({
    schedule: {
      kind: 'interval',
      every: 24,
      unit: 'hours',
      anchor: new Date(first + i * 3_600).toISOString(),
      timeZone: 'UTC',
    },
  }));
  const insert = world.core.repos.db.prepare(
    "INSERT INTO snapshots (rule_id, target_id, provider_snapshot_id, name, status, requested_at, completed_at) SELECT rule_id, target_id, 'seed', 'volsnap-seed', 'available', @at, @at FROM rule_targets WHERE rule_id = @id",
  );
  world.core.repos.db.transaction(() => {
    for (let i = 0; i < RULES; i++) {
      const at = new Date(first + i * 3_600 - 24 * HOUR).toISOString();
      insert.run({ id: i + 1, at });
    }
  })();
}

async function simulatedHour(
  design: 'volsnap' | 'legacy',
): Promise<{ wakeUps: number; queries: number; requests: number }> {
  const start = Date.now();
  const vt = new VirtualTime(start);
  const world = await buildWorld({
    accounts: 10,
    volumesPerAccount: 100,
    clock: vt,
    engine: { setAlarm: vt.setAlarm, sleep: vt.sleep },
    budget: 'none',
  });
  try {
    seedIdleRules(world, start);
    let settle: () => Promise<void>;
    if (design === 'volsnap') {
      await world.core.engine.start();
      settle = () => settleEngine(world.core.engine, vt);
    } else {
      const legacy = new LegacyChecker({
        db: world.core.repos.db,
        accounts: world.core.repos.accounts,
        clock: vt,
        setAlarm: vt.setAlarm,
        newClient: async (account) => legacyClient(world, account.id),
      });
      legacy.start();
      settle = () => legacy.whenIdle();
    }
    await settle();
    const fired0 = vt.fired;
    const q0 = world.queries.count;
    world.resetRequests();
    // Up to one second before the first rule is due.
    await vt.advanceTo(start + HOUR - 1_000, settle);
    return { wakeUps: vt.fired - fired0, queries: world.queries.count - q0, requests: world.requests().total };
  } finally {
    await world.close();
  }
}

/** What VoluSnap's Take did: a fresh client per call, no pacing, no retry. */
export function legacyClient(world: World, accountId: number) {
  const account = world.accounts.find((a) => a.id === accountId)!;
  return createProviderClient('digitalocean', account.token, {
    baseUrl: account.fake.url,
    budget: new RequestBudget({ limits: [] }),
    retry: { maxAttempts: 1, maxRateLimitRetries: 0 },
  });
}

export async function runIdle(runs: number, children: Promise<IdleChildResult[]>): Promise<ScenarioResult> {
  const hour = {
    volsnap: [] as Awaited<ReturnType<typeof simulatedHour>>[],
    legacy: [] as Awaited<ReturnType<typeof simulatedHour>>[],
  };
  for (let r = 0; r < runs; r++) {
    hour.volsnap.push(await simulatedHour('volsnap'));
    hour.legacy.push(await simulatedHour('legacy'));
  }
  const real = await children;
  const s = (values: number[]): Summary => summarize(values);
  const windowS = Math.round((real[0]?.windowMs ?? 0) / 1000);
  return {
    id: 'idle',
    title: 'Idle cost',
    setup: `${RULES} enabled rules on 10 accounts, none due for an hour. Real time: ${real.length} separate process(es) × ${windowS} s window each (real engine, node-schedule, system clock), run in the background of the other scenarios. Simulated: the 59 minutes before the first rule is due, volsnap vs the legacy 5-minute ticker, same database.`,
    figures: [
      {
        label: `timers fired in ${windowS} s (real)`,
        unit: '',
        volsnap: s(real.map((x) => x.timersFired)),
        goal: '= 0',
        met: s(real.map((x) => x.timersFired)).median === 0,
      },
      {
        label: `DB queries in ${windowS} s (real)`,
        unit: '',
        volsnap: s(real.map((x) => x.queries)),
        goal: '= 0',
        met: s(real.map((x) => x.queries)).median === 0,
      },
      {
        label: `HTTP requests in ${windowS} s (real)`,
        unit: '',
        volsnap: s(real.map((x) => x.requests)),
        goal: '= 0',
        met: s(real.map((x) => x.requests)).median === 0,
      },
      { label: `CPU time in ${windowS} s (real)`, unit: 'ms', volsnap: s(real.map((x) => x.cpuMs)) },
      { label: 'RSS during the window (real)', unit: 'MB', volsnap: s(real.map((x) => x.rssEndMb)) },
      {
        label: 'RSS change over the window (real)',
        unit: 'MB',
        volsnap: s(real.map((x) => x.rssEndMb - x.rssStartMb)),
      },
      {
        label: 'wake-ups in the idle hour (simulated)',
        unit: '',
        volsnap: s(hour.volsnap.map((x) => x.wakeUps)),
        legacy: s(hour.legacy.map((x) => x.wakeUps)),
        goal: '= 0',
        met: s(hour.volsnap.map((x) => x.wakeUps)).median === 0,
      },
      {
        label: 'DB queries in the idle hour (simulated)',
        unit: '',
        volsnap: s(hour.volsnap.map((x) => x.queries)),
        legacy: s(hour.legacy.map((x) => x.queries)),
        goal: '= 0',
        met: s(hour.volsnap.map((x) => x.queries)).median === 0,
      },
      {
        label: 'HTTP requests in the idle hour (simulated)',
        unit: '',
        volsnap: s(hour.volsnap.map((x) => x.requests)),
        legacy: s(hour.legacy.map((x) => x.requests)),
        goal: '= 0',
        met: s(hour.volsnap.map((x) => x.requests)).median === 0,
      },
    ],
    notes: [
      `The real-time process armed its one alarm ${Math.round(real[0]?.armedInS ?? 0)} s ahead (the first slot); its engine start-up took ${Math.round(real[0]?.startMs ?? 0)} ms and ${real[0]?.startupQueries ?? 0} statements (the rules were new, so each got its next run written once).`,
      'CPU time is the whole child process (volsnap, the idle emulators, the tsx loader thread); RSS includes Node, V8 and better-sqlite3.',
    ],
  };
}
