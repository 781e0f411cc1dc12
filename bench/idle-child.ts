/**
 * Idle cost over a window of REAL time, in a process of its own so that its
 * timer, CPU and RSS figures are volsnap's alone (run.ts starts it in the
 * background while the other scenarios run). 1,000 enabled rules over 10
 * accounts, none due for an hour; the real engine with node-schedule alarms and
 * the system clock. Prints one JSON line.
 *
 *   node --import tsx bench/idle-child.ts <windowMs>
 */
import { countTimerFirings, cpuMs, rssMb } from './lib/probes';
import { buildWorld, gcAndMeasure, sleepReal } from './lib/world';

const windowMs = Number(process.argv[2] ?? 60_000);

const world = await buildWorld({ accounts: 10, volumesPerAccount: 100 });
const firstSlot = Date.now() + 3_600_000;
world.addRules(1_000, (i) => ({
  // Due between 1 h and 2 h from now, spread over the hour.
  schedule: {
    kind: 'interval',
    every: 24,
    unit: 'hours',
    anchor: new Date(firstSlot + i * 3_600).toISOString(),
    timeZone: 'UTC',
  },
}));
const startQueries = world.queries.count;
const t0 = performance.now();
await world.core.engine.start();
const startMs = performance.now() - t0;
const startupQueries = world.queries.count - startQueries;
const armedFor = world.core.engine.armedFor?.getTime() ?? null;
await sleepReal(2_000); // let start-up garbage and module loading settle before the window
const memStart = gcAndMeasure();

const done = sleepReal(windowMs); // created before the probe: the window's own timer is not counted
const timers = countTimerFirings();
const queries0 = world.queries.count;
world.resetRequests();
const cpu0 = cpuMs();
const rss0 = rssMb();
await done;
const cpu = cpuMs() - cpu0;
const fired = timers.stop();
const out = {
  windowMs,
  timersFired: fired,
  queries: world.queries.count - queries0,
  requests: world.requests().total,
  cpuMs: cpu,
  rssStartMb: rss0,
  rssEndMb: rssMb(),
  heapStartMb: memStart.heapMb,
  startMs,
  startupQueries,
  armedInS: armedFor === null ? null : (armedFor - Date.now()) / 1000,
};
await world.close();
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
