/**
 * The progress tracker paces its pushes (a busy fleet must not flood the
 * window) without losing any operation's last state, and an ended operation
 * keeps no wait, attempt or reason, whatever arrives after its end.
 */
import { expect, it } from 'vitest';
import { PushBus } from '../../../src/main/activity/push-bus';
import { ProgressTracker } from '../../../src/main/activity/progress-tracker';
import type { OperationProgress } from '../../../src/shared/progress';
import { ManualClock } from '../../support/manual-clock';

function setup() {
  const bus = new PushBus();
  const clock = new ManualClock('2026-11-30T06:00:00Z');
  const timers: (() => void)[] = [];
  const tracker = new ProgressTracker(bus, clock, {
    throttleMs: 250,
    keepFinishedMs: 60_000,
    setTimer: (fn) => timers.push(fn),
  });
  const pushes: OperationProgress[][] = [];
  bus.on('progress:changed', ({ operations }) => pushes.push(operations));
  const fire = () => timers.splice(0).forEach((fn) => fn());
  return { tracker, clock, pushes, fire, timers };
}

const start = (id: string) => ({
  id,
  kind: 'run' as const,
  accountId: 1,
  ruleId: 2,
  targetId: 3,
  subject: 'db-data',
  step: 'Waiting for its turn',
});

it('coalesces a burst of 500 runs retrying into one push with the latest state of each', () => {
  const { tracker, pushes, fire, timers } = setup();
  for (let n = 1; n <= 500; n += 1) {
    const run = tracker.begin(start(`run:${n}`));
    for (let attempt = 2; attempt <= 5; attempt += 1)
      run.waiting({
        kind: 'retry',
        attempt,
        reason: 'DigitalOcean answered HTTP 500',
        at: Date.UTC(2026, 10, 30, 6, 1),
      });
  }
  expect(pushes).toHaveLength(0);
  expect(timers).toHaveLength(1);
  fire();
  expect(pushes).toHaveLength(1);
  expect(pushes[0]).toHaveLength(500);
  expect(pushes[0]!.every((op) => op.attempt === 5 && op.state === 'waiting')).toBe(true);
  fire();
  expect(pushes).toHaveLength(1); // nothing changed since: nothing is sent
});

it('sends a fleet larger than one push allows in several paced pushes, losing none', () => {
  const { tracker, pushes, fire, timers } = setup();
  for (let n = 1; n <= 1_200; n += 1) tracker.begin(start(`run:${n}`));
  fire();
  expect(pushes.map((p) => p.length)).toEqual([500]);
  expect(timers).toHaveLength(1); // the rest waits for the next turn
  fire();
  fire();
  expect(pushes.map((p) => p.length)).toEqual([500, 500, 200]);
  expect(new Set(pushes.flat().map((op) => op.id)).size).toBe(1_200);
});

it('an ended operation carries no wait and ignores what comes after its end', () => {
  const { tracker, clock, pushes, fire } = setup();
  const run = tracker.begin(start('run:7'));
  run.waiting({
    kind: 'rate-limit',
    attempt: null,
    reason: 'DigitalOcean is rate limiting this account (HTTP 429)',
    at: clock.now().getTime() + 3_000,
  });
  run.failed('DigitalOcean kept rate limiting this account (HTTP 429). Try again in a few minutes.');
  run.waiting({ kind: 'retry', attempt: 4, reason: 'late report', at: clock.now().getTime() + 3_000 });
  run.step('late step');
  fire();
  const [last] = pushes.at(-1)!;
  expect(last).toMatchObject({ state: 'failed', nextTryAt: null, attempt: null, reason: null, waitKind: null });
  expect(last!.endedAt).toBe('2026-11-30T06:00:00.000Z');
  expect(tracker.list()[0]!.step).toBe('Waiting for its turn');
});

it('lists operations newest first and forgets finished ones after a while, never running ones', () => {
  const { tracker, clock } = setup();
  tracker.begin(start('run:1')).done('Snapshot done: "a".');
  clock.advance(1_000);
  tracker.begin(start('run:2'));
  expect(tracker.list().map((op) => op.id)).toEqual(['run:2', 'run:1']);
  clock.advance(61_000);
  expect(tracker.list().map((op) => op.id)).toEqual(['run:2']);
});

it('clips long words to the contract instead of failing the run', () => {
  const { tracker } = setup();
  const run = tracker.begin({ ...start('run:9'), subject: 'v'.repeat(1_000) });
  run.failed('x'.repeat(2_000));
  const [op] = tracker.list();
  expect(op!.subject).toHaveLength(300);
  expect(op!.result).toHaveLength(600);
});
