/** The one sentence the window shows for an operation, at a given moment. */
import { expect, it } from 'vitest';
import { progressSentence, waitWords, type OperationProgress } from '../../../src/shared/progress';

const base: OperationProgress = {
  id: 'run:1',
  kind: 'run',
  accountId: 1,
  ruleId: 1,
  targetId: 1,
  subject: 'db-data',
  state: 'waiting',
  step: 'Asking DigitalOcean for the snapshot',
  attempt: 3,
  reason: 'DigitalOcean answered HTTP 500',
  waitKind: 'retry',
  nextTryAt: '2026-11-30T06:00:08.000Z',
  result: null,
  startedAt: '2026-11-30T05:59:00.000Z',
  updatedAt: '2026-11-30T06:00:00.000Z',
  endedAt: null,
};
const at = (iso: string) => Date.parse(iso);

it('counts down to the next try from its absolute time', () => {
  expect(progressSentence(base, at('2026-11-30T06:00:00Z'))).toBe(
    'Retrying (attempt 3): DigitalOcean answered HTTP 500, next try in 8 s',
  );
  expect(progressSentence(base, at('2026-11-30T06:00:07.5Z'))).toBe(
    'Retrying (attempt 3): DigitalOcean answered HTTP 500, next try in 1 s',
  );
});

it('never shows a wait that has passed as still to come', () => {
  expect(progressSentence(base, at('2026-11-30T06:00:09Z'))).toBe(
    'Retrying (attempt 3): DigitalOcean answered HTTP 500, trying again now',
  );
});

it('words a rate-limit wait, work under way, and the two ends', () => {
  const limited = {
    ...base,
    waitKind: 'rate-limit' as const,
    attempt: null,
    reason: 'DigitalOcean is rate limiting this account (HTTP 429)',
  };
  expect(progressSentence(limited, at('2026-11-30T05:59:00Z'))).toBe(
    'Waiting: DigitalOcean is rate limiting this account (HTTP 429), next try in 1 min 8 s',
  );
  const working = { ...base, state: 'working' as const, reason: null, nextTryAt: null };
  expect(progressSentence(working, 0)).toBe('Asking DigitalOcean for the snapshot (attempt 3)');
  expect(progressSentence({ ...working, attempt: null }, 0)).toBe('Asking DigitalOcean for the snapshot');
  expect(progressSentence({ ...base, state: 'done', result: 'Snapshot done: "x".' }, 0)).toBe('Snapshot done: "x".');
  expect(progressSentence({ ...base, state: 'failed', result: 'DigitalOcean rejected the token (HTTP 401).' }, 0)).toBe(
    'Failed: DigitalOcean rejected the token (HTTP 401).',
  );
});

it('says durations in seconds, minutes and hours', () => {
  expect(waitWords(100)).toBe('1 s');
  expect(waitWords(59_000)).toBe('59 s');
  expect(waitWords(120_000)).toBe('2 min');
  expect(waitWords(2 * 3_600_000 + 180_000)).toBe('2 h 3 min');
});
