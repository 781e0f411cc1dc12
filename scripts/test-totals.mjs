// Sums the JSON reports that `npm test` leaves in test-results/ and prints the
// closing line CI reads: "N passed, N failed" (", N skipped" when any were).
// A suite that should have run but left no report counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const testStatus = Number(process.argv[2] ?? 0);
const suites = [
  {
    name: 'unit and integration (vitest)',
    file: 'test-results/vitest.json',
    read: (r) => [r.numPassedTests, r.numFailedTests, r.numPendingTests + (r.numTodoTests ?? 0)],
  },
  {
    name: 'UI in Chromium (playwright)',
    file: 'test-results/e2e.json',
    read: (r) => [r.stats.expected + r.stats.flaky, r.stats.unexpected, r.stats.skipped],
  },
  {
    name: 'Electron app (playwright)',
    file: 'test-results/electron.json',
    read: (r) => [r.stats.expected + r.stats.flaky, r.stats.unexpected, r.stats.skipped],
  },
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of suites) {
  if (!existsSync(suite.file)) {
    console.log(`${suite.name}: no report (the run stopped before it)`);
    failed += 1;
    continue;
  }
  const [p, f, s] = suite.read(JSON.parse(readFileSync(suite.file, 'utf8')));
  console.log(`${suite.name}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
  passed += p;
  failed += f;
  skipped += s;
}
if (testStatus !== 0 && failed === 0) failed = 1; // typecheck, lint or build failed
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
