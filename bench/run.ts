/**
 * volsnap benchmarks (issue #7). Not part of `npm test`.
 *
 *   npm run bench                 full: several runs of each scenario (about 6 minutes)
 *   npm run bench -- --quick      one run of each (about 3 minutes)
 *   npm run bench -- --only=scale,listing
 *   npm run bench -- --doc        also rewrite BENCHMARKS.md from this run
 *
 * Prints a table and writes bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/probes';
import type { ScenarioResult } from './lib/result';
import { logCounts, logSamples } from './lib/world';
import { consoleTable, markdown, type BenchResults } from './report';
import { runIdle, startIdleChildren } from './scenarios/idle';
import { runListing } from './scenarios/listing';
import { runMemory } from './scenarios/memory';
import { runPunctuality } from './scenarios/punctuality';
import { runScale } from './scenarios/scale';
import { runThroughput } from './scenarios/throughput';
import { runFleet } from './scenarios/fleet';
import { runLists } from './scenarios/lists';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const doc = args.includes('--doc');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (id: string) => !only || only.includes(id);

const runs = quick
  ? { idle: 1, punctuality: 1, throughput: 1, scale: 1, listing: 1, memory: 1 }
  : { idle: 3, punctuality: 3, throughput: 2, scale: 3, listing: 3, memory: 2 };
const IDLE_WINDOW_MS = 60_000;

const startedAt = new Date().toISOString();
console.log(`volsnap benchmarks (${quick ? 'quick' : 'full'}) on ${JSON.stringify(machine())}`);

const scenarios: ScenarioResult[] = [];
const step = async (id: string, fn: () => Promise<ScenarioResult>) => {
  if (!wanted(id)) return;
  const t0 = performance.now();
  process.stdout.write(`- ${id} … `);
  scenarios.push(await fn());
  console.log(`${((performance.now() - t0) / 1000).toFixed(0)} s`);
};

await step('punctuality', () => runPunctuality(runs.punctuality, quick));
// The real-time idle windows run in their own processes, in the background of the throughput
// windows (which measure counts, not timings), after punctuality so they cannot disturb its timings.
const idleChildren = wanted('idle') ? startIdleChildren(runs.idle, IDLE_WINDOW_MS) : null;
idleChildren?.catch(() => undefined);
await step('throughput', () => runThroughput(runs.throughput));
await step('scale', () => runScale(runs.scale));
await step('listing', () => runListing(runs.listing));
await step('memory', () => runMemory(runs.memory));
await step('fleet', () => runFleet());
await step('lists', () => runLists());
await step('idle', () => runIdle(runs.idle, idleChildren!));
// Table order follows the issue.
const order = ['idle', 'punctuality', 'throughput', 'scale', 'listing', 'memory', 'fleet', 'lists'];
scenarios.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));

const results: BenchResults = {
  startedAt,
  finishedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: machine(),
  runs: Object.fromEntries(Object.entries(runs).filter(([id]) => wanted(id))),
  scenarios,
  log: { warn: logCounts.warn, error: logCounts.error, samples: logSamples },
};

console.log(`\n${consoleTable(results)}\n`);
for (const s of scenarios) for (const n of s.notes) console.log(`[${s.id}] ${n}`);
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(`${dir}latest.md`, markdown(results));
if (doc) writeFileSync(fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url)), markdown(results));
console.log(
  `\nWrote bench/results/latest.json${doc ? ' and BENCHMARKS.md' : ' (add --doc to rewrite BENCHMARKS.md)'}.`,
);
process.exit(0);
