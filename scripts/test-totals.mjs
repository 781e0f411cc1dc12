// Sums the JSON reports that `npm test` leaves in test-results/ and prints the
// closing line CI reads: "N passed, N failed" (", N skipped" when any were).
// A suite that should have run but left no report counts as one failure.
// The built-app suite reports per target: the Electron stand-in must run (a
// skipped or empty stand-in target counts as a failure); real Electron may
// skip where no binary exists, and its reason is printed.
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
    name: 'built app, Electron stand-in target (playwright)',
    file: 'test-results/electron.json',
    read: (r) => byProject(r, 'standin', { mustRun: true }),
  },
  {
    name: 'built app, real Electron target (playwright)',
    file: 'test-results/electron.json',
    read: (r) => byProject(r, 'electron', { mustRun: false }),
  },
];

/** Every test of a Playwright JSON report, however deeply its suites nest. */
function allTests(suite) {
  return [
    ...(suite.specs ?? []).flatMap((spec) => spec.tests),
    ...(suite.suites ?? []).flatMap((inner) => allTests(inner)),
  ];
}

function byProject(report, project, { mustRun }) {
  const tests = report.suites.flatMap(allTests).filter((t) => t.projectName === project);
  const count = (status) => tests.filter((t) => t.status === status).length;
  const passed = count('expected') + count('flaky');
  let failed = count('unexpected');
  const skipped = count('skipped');
  const reasons = new Set(
    tests
      .filter((t) => t.status === 'skipped')
      .flatMap((t) => t.annotations.filter((a) => a.type === 'skip').map((a) => a.description)),
  );
  for (const reason of reasons) console.log(`  ${project} target skipped: ${reason}`);
  if (mustRun && (skipped > 0 || passed === 0)) {
    console.log(`  the ${project} target must run on every machine; a skip or an empty run counts as a failure`);
    failed += 1;
  }
  return [passed, failed, skipped];
}

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
