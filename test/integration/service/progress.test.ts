/**
 * Issue 15 item 8: long operations say what is happening, from the place that
 * knows. A refresh against the DigitalOcean emulator answering 500s and 429s,
 * and a run whose creates answer 500, push `progress:changed` states with the
 * attempt, the cause in our words and the absolute time of the next try; each
 * ends in done (with counts) or failed (with the cause), and an ended one
 * carries no wait (the stale "try again in about 3 s"). The engine runs on a
 * manual clock that its waits move.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { createProviderClient } from '../../../src/main/providers';
import { progressSentence, type OperationProgress } from '../../../src/shared/progress';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { ManualClock } from '../../support/manual-clock';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { testOsIntegration } from '../../support/test-os-integration';
import type { AccountHealth } from '../../../src/shared/account-health';

const TOKEN = 'dop_v1_progress_words_token_0123456789abcdef';
let dir: string;
let fake: DigitalOceanFake;
let core: Core;
let clock: ManualClock;
/** Every state pushed, in order (the pacing timer fires at once here, so none is coalesced away). */
let states: OperationProgress[];
/** The waits the engine asked for, in ms (they move the manual clock). */
let engineWaits: number[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-progress-'));
  fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: null });
  fake.addVolume({ name: 'db-data', region: 'fra1' });
  fake.addVolume({ name: 'uploads', region: 'fra1' });
  clock = new ManualClock('2026-11-30T06:00:00Z');
  engineWaits = [];
  core = createCore({
    dbFile: join(dir, 'volsnap.sqlite'),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    os: testOsIntegration(dir),
    clock,
    providers: (kind, token, options = {}) =>
      createProviderClient(kind, token, {
        ...options,
        baseUrl: fake.url,
        random: () => 0.5,
        retry: { baseDelayMs: 40, maxRateLimitRetries: 2 },
      }),
    engine: {
      tuning: { retryBaseMs: 8_000, createInFlightMs: 1, pollInitialMs: 1_000 },
      sleep: async (ms) => {
        engineWaits.push(ms);
        clock.advance(ms);
      },
    },
    progress: { setTimer: (flush) => flush() },
  });
  states = [];
  core.bus.on('progress:changed', ({ operations }) => states.push(...operations));
  await core.engine.start();
});

afterEach(async () => {
  await core.engine.stop();
  core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addAccount(): Promise<number> {
  const added = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Production', token: TOKEN });
  if (!added.ok) throw new Error(added.error.message);
  await core.dispatch('targets:refresh', undefined); // joins the listing accounts:add started
  return (added.value as { id: number }).id;
}

const refreshStates = (accountId: number) => states.filter((s) => s.id === `refresh:${accountId}`);
const fail = (status: number, count: number, route: string) => ({
  route,
  count,
  act: false,
  reply: {
    kind: 'raw' as const,
    status,
    body: JSON.stringify({ id: 'server_error', message: `Echo ${TOKEN}` }),
    headers: { 'content-type': 'application/json' },
  },
});

it('a refresh retrying on 500s says which try, why and when; then how many it found', async () => {
  const accountId = await addAccount();
  states.length = 0;
  fake.faults.script.push(fail(500, 2, 'GET /v2/volumes'));
  const before = Date.now();
  const result = await core.dispatch('targets:refresh', { accountId });
  const after = Date.now();
  expect(result.ok).toBe(true);

  const seen = refreshStates(accountId);
  expect(seen[0]).toMatchObject({ kind: 'refresh', subject: 'Production', state: 'working' });
  expect(seen.some((s) => s.step === 'Listing volumes')).toBe(true);
  const waits = seen.filter((s) => s.state === 'waiting');
  expect(waits.map((s) => s.attempt)).toEqual([2, 3]);
  expect(waits[0]).toMatchObject({ waitKind: 'retry', reason: 'DigitalOcean answered HTTP 500' });
  // Backoff with random 0.5: 20 ms, then 40 ms, as absolute times of the HTTP layer's clock.
  const next = Date.parse(waits[1]!.nextTryAt!);
  expect(next).toBeGreaterThanOrEqual(before + 40);
  expect(next).toBeLessThanOrEqual(after + 40);
  expect(progressSentence(waits[1]!, next - 8_000)).toBe(
    'Retrying (attempt 3): DigitalOcean answered HTTP 500, next try in 8 s',
  );
  const end = seen.at(-1)!;
  expect(end).toMatchObject({ state: 'done', result: 'Found 2 volumes and servers.', attempt: null, nextTryAt: null });
});

it('a refresh whose connection is lost says so in our words and tries again', async () => {
  const accountId = await addAccount();
  states.length = 0;
  fake.faults.resetAfterAccept = { count: 1, route: 'GET /v2/volumes' };
  await core.dispatch('targets:refresh', { accountId });
  const wait = refreshStates(accountId).find((s) => s.state === 'waiting')!;
  expect(wait).toMatchObject({ attempt: 2, waitKind: 'retry', reason: 'DigitalOcean: connection reset' });
  expect(refreshStates(accountId).at(-1)).toMatchObject({ state: 'done', result: 'Found 2 volumes and servers.' });
});

it('a rate-limited refresh says it waits and until when, then ends with its result', async () => {
  const accountId = await addAccount();
  states.length = 0;
  fake.faults.script.push({
    route: 'GET /v2/volumes',
    count: 1,
    act: false,
    reply: { kind: 'raw', status: 429, body: '{"id":"too_many_requests"}', headers: { 'retry-after': '1' } },
  });
  const before = Date.now();
  await core.dispatch('targets:refresh', { accountId });
  const seen = refreshStates(accountId);
  const wait = seen.find((s) => s.state === 'waiting')!;
  expect(wait).toMatchObject({
    waitKind: 'rate-limit',
    reason: 'DigitalOcean is rate limiting this account (HTTP 429)',
  });
  expect(Date.parse(wait.nextTryAt!)).toBeGreaterThanOrEqual(before + 1_000);
  expect(progressSentence(wait, Date.parse(wait.nextTryAt!) - 1_000)).toBe(
    'Waiting: DigitalOcean is rate limiting this account (HTTP 429), next try in 1 s',
  );
  expect(seen.at(-1)).toMatchObject({ state: 'done', result: 'Found 2 volumes and servers.' });
});

it('a refresh that stays rate limited ends failed with the cause, and shows no stale wait afterwards', async () => {
  const accountId = await addAccount();
  const limited = {
    route: 'GET /v2/volumes',
    count: 1,
    act: false,
    reply: { kind: 'raw' as const, status: 429, body: '{"id":"too_many_requests"}', headers: { 'retry-after': '1' } },
  };
  // The client rides out 2 rate limits here; the third ends the refresh.
  fake.faults.script.push({ ...limited, count: 3 });
  await core.dispatch('targets:refresh', { accountId });
  const listed = ((await core.dispatch('progress:list', undefined)) as { value: OperationProgress[] }).value;
  const end = listed.find((s) => s.id === `refresh:${accountId}`)!;
  expect(end).toMatchObject({ state: 'failed', attempt: null, nextTryAt: null, waitKind: null, reason: null });
  expect(end.result).toBe('DigitalOcean kept rate limiting this account (HTTP 429). Try again in a few minutes.');
  // The progress never shows a wait once over, now or an hour later; nor does the account's stored message.
  const health = ((await core.dispatch('accounts:health', undefined)) as { value: AccountHealth[] }).value;
  const account = health.find((h) => h.accountId === accountId)!;
  expect(account.cause).toBe('rate_limited');
  expect(`${account.summary} ${account.detail ?? ''}`).not.toMatch(/in about \d+ s/);
  for (const later of [0, 3_600_000])
    expect(progressSentence(end, Date.now() + later)).toBe(
      'Failed: DigitalOcean kept rate limiting this account (HTTP 429). Try again in a few minutes.',
    );
  expect(refreshStates(accountId).filter((s) => s.state === 'waiting')).toHaveLength(2);
});

it('a revoked token ends the refresh failed in our words, never the provider body', async () => {
  const accountId = await addAccount();
  fake.token = 'rotated';
  await core.dispatch('targets:refresh', { accountId });
  const end = refreshStates(accountId).at(-1)!;
  expect(end).toMatchObject({
    state: 'failed',
    result: 'DigitalOcean rejected the token (HTTP 401). Replace it in Accounts.',
  });
});

it('a run stuck on create 500s shows each attempt, its cause and the next try, then "Snapshot done"', async () => {
  const accountId = await addAccount();
  const target = core.repos.targets.list(accountId).find((t) => t.name === 'db-data')!;
  const rule = await core.dispatch('rules:create', {
    targetId: target.id,
    name: 'Nightly',
    schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
    retention: { keepLast: 3, keepDays: null, gfs: null },
    nameTemplate: 'volsnap-{volume}-{utc}',
    enabled: true,
    catchUp: 'once',
  });
  const ruleId = (rule as { value: { id: number } }).value.id;
  fake.faults.script.push(fail(500, 2, 'POST /v2/volumes/:volume_id/snapshots'));
  states.length = 0;
  await core.dispatch('rules:runNow', { id: ruleId });
  await core.engine.whenIdle();

  const run = states.filter((s) => s.kind === 'run' && s.ruleId === ruleId);
  expect(run[0]).toMatchObject({ subject: 'db-data', state: 'working', step: 'Waiting for its turn' });
  const waits = run.filter((s) => s.state === 'waiting');
  expect(waits.map((s) => [s.attempt, s.reason])).toEqual([
    [2, 'DigitalOcean answered HTTP 500'],
    [3, 'DigitalOcean answered HTTP 500'],
  ]);
  // The engine's backoff (8 s, then 16 s) on its clock, as absolute times.
  expect(engineWaits.slice(0, 2)).toEqual([8_000, 16_000]);
  const first = waits[0]!;
  expect(Date.parse(first.nextTryAt!) - Date.parse(first.updatedAt)).toBe(8_000);
  expect(progressSentence(first, Date.parse(first.updatedAt))).toBe(
    'Retrying (attempt 2): DigitalOcean answered HTTP 500, next try in 8 s',
  );
  expect(run.some((s) => s.step === 'Checking whether DigitalOcean made the snapshot already')).toBe(true);
  expect(run.at(-1)).toMatchObject({ state: 'done', attempt: null, nextTryAt: null });
  expect(run.at(-1)!.result).toMatch(/^Snapshot done: "volsnap-db-data-/);
  expect(JSON.stringify(states)).not.toContain('Echo');
});

it('a run the provider refuses ends failed with the cause and what to do', async () => {
  const accountId = await addAccount();
  const target = core.repos.targets.list(accountId)[0]!;
  const rule = await core.dispatch('rules:create', {
    targetId: target.id,
    name: 'Nightly',
    schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
    retention: { keepLast: 3, keepDays: null, gfs: null },
    nameTemplate: 'volsnap-{volume}-{utc}',
    enabled: true,
    catchUp: 'once',
  });
  const ruleId = (rule as { value: { id: number } }).value.id;
  fake.token = 'rotated';
  await core.dispatch('rules:runNow', { id: ruleId });
  await core.engine.whenIdle();
  const end = states.filter((s) => s.kind === 'run' && s.ruleId === ruleId).at(-1)!;
  expect(end).toMatchObject({ state: 'failed', nextTryAt: null });
  expect(end.result).toBe('DigitalOcean rejected the token (HTTP 401). Replace it in Accounts.');
});
