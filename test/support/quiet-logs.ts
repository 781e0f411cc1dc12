/**
 * Quiet tests: volsnap's log lines go to memory while a test runs and are
 * printed only when that test fails, so a failure is not buried under the
 * hundreds of expected warnings (retries, injected faults) of passing tests.
 * Set VOLSNAP_TEST_LOGS=1 to see every line as it happens.
 */
import { beforeEach } from 'vitest';
import { setLogSink, type LogLevel } from '../../src/main/ports/log';

let lines: string[] = [];
const collect = (level: LogLevel, scope: string, message: string) => {
  lines.push(`[${level}] [${scope}] ${message}`);
};

if (!process.env.VOLSNAP_TEST_LOGS) {
  setLogSink(collect);
  // Set once: a test file that installs a sink of its own (to inspect lines) keeps it.
  beforeEach((context) => {
    lines = [];
    context.onTestFailed(() => {
      if (lines.length) console.error(`volsnap log of the failed test:\n${lines.join('\n')}`);
    });
  });
}
