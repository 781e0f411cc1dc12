/**
 * Fault suite "IPC fuzz" (issue 11): every channel of the contract, through
 * the real dispatcher and a real core (SQLite, the demo cloud, a DigitalOcean
 * emulator), fed hostile input by fast-check. For every answer: nothing
 * throws, an error is a typed envelope (never "Something went wrong"), a
 * result parses with the channel's output schema, and a rejected call leaves
 * every database table and the settings exactly as they were.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannels, type InvokeChannel } from '../../../src/shared/contract';
import { AppErrorData } from '../../../src/shared/errors';
import { DO_TOKEN, startCoreFixture, type CoreFixture } from './core-fixture';
import { edgeSchedule, hostileValue, mutate, mutation, oddString } from './hostile-values';

/** Cases per channel: enough to reach every field of each input, small enough to stay well under a minute. */
const RUNS_PER_CHANNEL = Number(process.env.VOLSNAP_FUZZ_RUNS ?? 100);
/** Accepted calls add accounts and rules, so later calls cost more; a longer run gets more time. */
const PROPERTY_TIMEOUT_MS = 120_000 * Math.max(1, RUNS_PER_CHANNEL / 100);
const SEED = Number(process.env.VOLSNAP_FUZZ_SEED ?? 20261130);

let fx: CoreFixture;
const seeded = { demoAccount: 0, doAccount: 0, target: 0, rule: 0 };

const rule = () => ({
  targetId: seeded.target,
  name: 'Nightly',
  schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5], timeZone: 'Europe/Berlin' },
  retention: { keepLast: 7, keepDays: 30, gfs: { daily: 7, weekly: 4, monthly: 6 } },
  nameTemplate: 'volsnap-{volume}-{date}',
  enabled: true,
  catchUp: 'once',
});

/**
 * A valid input per channel, the starting point of the mutations. Typed over
 * the contract, so a new channel without an entry here fails the typecheck.
 * Destructive channels point at ids that do not exist, so the seed survives.
 */
const validInputs = (): Record<InvokeChannel, unknown> => ({
  'app:info': undefined,
  'app:acceptInsecureStorage': undefined,
  'app:openLogsFolder': undefined,
  'app:openDataFolder': undefined,
  'app:testNotification': undefined,
  'accounts:list': undefined,
  'accounts:add': { provider: 'digitalocean', name: 'Second', token: DO_TOKEN },
  'accounts:rename': { id: seeded.demoAccount, name: 'Demo renamed' },
  'accounts:replaceToken': { id: seeded.doAccount, token: DO_TOKEN },
  'accounts:verify': { id: seeded.doAccount },
  'accounts:probe': { id: seeded.doAccount },
  'accounts:health': undefined,
  'accounts:retry': { id: seeded.doAccount },
  'accounts:removalImpact': { id: seeded.doAccount },
  'accounts:remove': { id: 9_999 },
  'targets:list': { accountId: seeded.demoAccount },
  'targets:refresh': { accountId: seeded.demoAccount },
  'rules:list': { targetId: seeded.target },
  'rules:get': { id: seeded.rule },
  'rules:create': rule(),
  'rules:update': { ...rule(), id: seeded.rule },
  'rules:delete': { id: 9_999, snapshots: 'delete' },
  'rules:deletionImpact': { id: seeded.rule },
  'snapshots:withoutRule': { offset: 0, limit: 50 },
  'snapshots:withoutRuleSummary': undefined,
  'snapshots:detail': { id: 9_999 },
  'snapshots:delete': { ids: [9_999] },
  'rules:setEnabled': { id: seeded.rule, enabled: true },
  'rules:runNow': { id: 9_999 },
  'rules:runAll': undefined,
  'rules:previewSchedule': {
    schedule: { kind: 'interval', every: 6, unit: 'hours', anchor: '2026-01-01T00:00:00Z', timeZone: 'UTC' },
    count: 5,
  },
  'rules:previewRetention': {
    targetId: seeded.target,
    ruleId: seeded.rule,
    retention: { keepLast: 3, keepDays: null, gfs: null },
  },
  'rules:previewName': { targetId: seeded.target, template: 'volsnap-{volume}-{datetime}' },
  'rules:projectRetention': {
    schedule: { kind: 'interval', every: 15, unit: 'minutes', anchor: '2026-01-01T00:00:00Z', timeZone: 'UTC' },
    retention: { keepLast: null, keepDays: 30, gfs: { daily: 7, weekly: 4, monthly: 12 } },
    targetId: seeded.target,
  },
  'snapshots:list': { targetId: seeded.target, status: 'available', offset: 0, limit: 50 },
  'activity:list': { level: 'info', offset: 0, limit: 50 },
  'overview:get': undefined,
  'settings:get': undefined,
  'settings:update': { theme: 'dark', concurrency: { global: 2, perAccount: 1 } },
  'engine:pause': { until: '2026-06-02T10:00:00Z' },
  'engine:resume': undefined,
  'rules:progress': { ruleId: seeded.rule },
  'rules:matchTargets': {
    selection: {
      mode: 'selector',
      selector: {
        accountIds: [],
        providers: [],
        regions: ['fra1'],
        kinds: ['volume'],
        tagsInclude: [],
        tagsExclude: [],
        namePattern: 'pg-*',
      },
    },
  },
  'rules:setEnabledMany': { ids: [seeded.rule], enabled: true },
  'rules:duplicate': { id: 9_999 },
  'rules:export': undefined,
  'rules:importOpen': { chars: 100 },
  'rules:importAppend': { uploadId: '00000000-0000-4000-8000-000000000000', offset: 0, text: '{}' },
  'rules:importPlan': { uploadId: '00000000-0000-4000-8000-000000000000', apply: false },
  'discovery:get': undefined,
  'discovery:set': { intervalMinutes: 60 },
  'discovery:runNow': undefined,
  'overview:summary': undefined,
  'tray:state': undefined,
});

/** Every table's rows and the settings, as one string. */
function stateSnapshot(): string {
  const db = fx.core.repos.db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const rows = tables.map((table) => `${table}: ${JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).raw().all())}`);
  return [...rows, `settings: ${JSON.stringify(fx.settings.get())}`].join('\n');
}

/** Lets background work started by an accepted call finish, so it is not taken for a change by the next call. */
async function settle(channel: string, value: unknown): Promise<void> {
  // Adding an account or replacing its token starts a listing in the background; a refresh joins it.
  if (channel === 'accounts:add' || channel === 'accounts:replaceToken')
    await fx.core.dispatch('targets:refresh', { accountId: (value as { id: number }).id });
  await fx.core.engine.whenIdle();
}

interface Tally {
  calls: number;
  accepted: number;
  rejected: number;
  throws: string[];
  invalidOutputs: string[];
  internalErrors: string[];
  stateChanges: string[];
}
const tally: Tally = {
  calls: 0,
  accepted: 0,
  rejected: 0,
  throws: [],
  invalidOutputs: [],
  internalErrors: [],
  stateChanges: [],
};

const describeInput = (input: unknown) => {
  try {
    return (JSON.stringify(input) ?? String(input)).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(input);
  }
};

/** One call with every check; returns whether the call held up. */
async function check(channel: string, input: unknown): Promise<boolean> {
  tally.calls += 1;
  const before = stateSnapshot();
  let answer: unknown;
  try {
    answer = await fx.core.dispatch(channel, input);
  } catch (error) {
    tally.throws.push(`${channel} ${describeInput(input)}: ${String(error)}`);
    return false;
  }
  const where = `${channel} ${describeInput(input)}`;
  const envelope = answer as { ok?: unknown; value?: unknown; error?: unknown };
  if (envelope?.ok === true) {
    tally.accepted += 1;
    const spec = (invokeChannels as Record<string, { output: { safeParse(v: unknown): { success: boolean } } }>)[
      channel
    ];
    if (!spec || !spec.output.safeParse(envelope.value).success) {
      tally.invalidOutputs.push(`${where}: result does not match the output schema`);
      return false;
    }
    await settle(channel, envelope.value);
    return true;
  }
  tally.rejected += 1;
  const error = AppErrorData.safeParse(envelope?.error);
  if (envelope?.ok !== false || !error.success) {
    tally.invalidOutputs.push(`${where}: not an envelope: ${describeInput(answer)}`);
    return false;
  }
  if (error.data.code === 'internal') {
    tally.internalErrors.push(`${where}: ${error.data.message}`);
    return false;
  }
  if (stateSnapshot() !== before) {
    tally.stateChanges.push(`${where}: ${error.data.code} ${error.data.message}`);
    return false;
  }
  return true;
}

beforeAll(async () => {
  fx = await startCoreFixture();
  const call = async (channel: string, input: unknown) => {
    const result = await fx.core.dispatch(channel, input);
    if (!result.ok) throw new Error(`seeding ${channel}: ${result.error.message}`);
    return result.value as { id: number };
  };
  seeded.demoAccount = (await call('accounts:add', { provider: 'demo', name: 'Demo' })).id;
  seeded.doAccount = (await call('accounts:add', { provider: 'digitalocean', name: 'Prod', token: DO_TOKEN })).id;
  await call('targets:refresh', undefined);
  const targets = (await call('targets:list', { accountId: seeded.demoAccount })) as unknown as Array<{
    id: number;
    snapshotable: boolean;
  }>;
  seeded.target = targets.find((t) => t.snapshotable)!.id;
  seeded.rule = (await call('rules:create', rule())).id;
}, 60_000);

afterAll(async () => {
  await fx?.close();
});

const channels = Object.keys(invokeChannels) as InvokeChannel[];

describe('IPC fuzz: every channel, hostile input', () => {
  it('has a valid starting input for every channel of the contract', () => {
    expect(Object.keys(validInputs()).sort()).toEqual([...channels].sort());
    for (const channel of channels) {
      const parsed = invokeChannels[channel].input.safeParse(validInputs()[channel]);
      expect(parsed.success, channel).toBe(true);
    }
  });

  it.each(channels)(
    '%s',
    async (channel) => {
      const input = fc.oneof(
        { weight: 1, arbitrary: hostileValue },
        { weight: 3, arbitrary: mutation.map((m) => mutate(validInputs()[channel], m)) },
      );
      await fc.assert(
        fc.asyncProperty(input, (value) => check(channel, value)),
        { numRuns: RUNS_PER_CHANNEL, seed: SEED, endOnFailure: true },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'schedules at their limits (year 0 and 9999 anchors, odd zones, never-firing cron)',
    async () => {
      await fc.assert(
        fc.asyncProperty(edgeSchedule, fc.integer({ min: 1, max: 50 }), async (schedule, count) => {
          const preview = await check('rules:previewSchedule', { schedule, count });
          const created = await check('rules:create', { ...rule(), schedule, name: 'Edge' });
          return preview && created;
        }),
        { numRuns: RUNS_PER_CHANNEL * 2, seed: SEED },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'unknown channels answer not_found and change nothing',
    async () => {
      const names = fc.oneof(
        fc.string({ maxLength: 60 }),
        oddString,
        fc.constantFrom(
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
          'valueOf',
          'ACCOUNTS:LIST',
          'accounts:list ',
          'accounts:list\u0000',
          'accounts:list\u200B',
          'x'.repeat(100_000),
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          names.filter((name) => !Object.hasOwn(invokeChannels, name)),
          hostileValue,
          async (name, value) => {
            const held = await check(name, value);
            const answer = await fx.core.dispatch(name, undefined);
            return held && !answer.ok && answer.error.code === 'not_found' && answer.error.message.length < 200;
          },
        ),
        { numRuns: RUNS_PER_CHANNEL * 2, seed: SEED },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('leaves no trace on Object.prototype and the seed intact, and prints the tally', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(fx.core.repos.accounts.get(seeded.demoAccount)).toBeTruthy();
    console.info(
      `IPC fuzz: ${channels.length} channels x ${RUNS_PER_CHANNEL} cases + edge schedules + unknown channels = ${tally.calls} calls ` +
        `(${tally.accepted} accepted, ${tally.rejected} rejected): ${tally.throws.length} throws, ` +
        `${tally.invalidOutputs.length} invalid outputs, ${tally.internalErrors.length} internal errors, ` +
        `${tally.stateChanges.length} state changes by rejected calls`,
    );
    expect(tally).toMatchObject({ throws: [], invalidOutputs: [], internalErrors: [], stateChanges: [] });
  });
});
