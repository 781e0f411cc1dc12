/**
 * The kept read models of issue 12 against the real core and the DigitalOcean
 * emulator: the tray's read model (`tray:state`) gives the same tray as the
 * full Overview, rules and accounts; the Overview summary is computed again
 * when a snapshot row changes or when time alone makes a target late, and
 * not otherwise.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/shared/errors';
import type { Overview, TrayFacts } from '../../../src/shared/contract';
import type { OverviewSummary } from '../../../src/shared/fleet-contract';
import type { Rule } from '../../../src/shared/domain';
import type { AccountHealth } from '../../../src/shared/account-health';
import { trayStateFrom, trayStateFromFacts } from '../../../src/main/shell/tray/tray-state';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { digitalOceanOnFakeTime, type CrashingClient } from './emulators';
import { createHarness, drain, ruleInput, useFakeTime, type Harness } from './harness';

let h: Harness;
let fake: DigitalOceanFake;
let client: CrashingClient;

beforeEach(async () => {
  useFakeTime('2024-06-10T12:00:00Z');
  const emulator = await digitalOceanOnFakeTime(0);
  fake = emulator.fake;
  client = emulator.client;
  for (let i = 1; i <= 8; i++)
    fake.addVolume({ name: `pg-${i}`, region: 'fra1', sizeGb: 10, tags: i <= 6 ? ['db'] : [] });
  h = createHarness({ client: () => client, targets: await client.listTargets() });
});
afterEach(async () => {
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const envelope = (await h.core.dispatch(channel, input)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}

/** Six tagged volumes under one selector rule, one of them gone at the provider so its run fails. */
async function fleetWithOneFailure(): Promise<Rule> {
  const rule = await call<Rule>('rules:create', {
    ...ruleInput(0, { name: 'Databases' }),
    targetId: undefined,
    selection: {
      mode: 'selector',
      selector: {
        accountIds: [],
        providers: [],
        regions: [],
        kinds: [],
        tagsInclude: ['db'],
        tagsExclude: [],
        namePattern: '',
      },
    },
  });
  const doomed = fake.state.volumes.find((v) => v.name === 'pg-2')!;
  fake.state.volumes.splice(fake.state.volumes.indexOf(doomed), 1);
  fake.state.volumesById.delete(doomed.id);
  await call('rules:runNow', { id: rule.id });
  await drain(h.core);
  return rule;
}

async function bothTrays(now: Date) {
  const [overview, rules, accounts, facts] = await Promise.all([
    call<Overview>('overview:get'),
    call<Rule[]>('rules:list'),
    call<AccountHealth[]>('accounts:health'),
    call<TrayFacts>('tray:state'),
  ]);
  return {
    full: trayStateFrom({ overview, rules, accounts, startAtLogin: false, now }),
    kept: trayStateFromFacts({ facts, startAtLogin: false, now }),
  };
}

describe('the tray read model', () => {
  it('gives the same tray as the full Overview: counts, failing and late volumes, a rule needing the user, the next run', async () => {
    await fleetWithOneFailure();
    // One single-volume rule that needs the user (its attention outranks its volume's own line).
    const single = await call<Rule>('rules:create', ruleInput(h.core.repos.targets.list()[6]!.id, { name: 'Solo' }));
    h.core.repos.rules.setAttention(single.id, 'The volume was deleted at DigitalOcean.');

    const now = new Date();
    const { full, kept } = await bothTrays(now);
    expect(kept).toEqual(full);
    expect(kept.summary).toMatch(/^\d of 8 volumes protected - next snapshot/);
    expect(kept.attention.map((a) => a.label)).toContain('Solo: The volume was deleted at DigitalOcean.');
    expect(kept.attention.map((a) => a.label)).toContain('pg-2: last snapshot failed');

    // 29 hours on, the daily rule's volumes are overdue: time alone changes the tray, with no write in between.
    vi.setSystemTime(new Date(Date.now() + 29 * 3_600_000));
    const later = await bothTrays(new Date());
    expect(later.kept).toEqual(later.full);
    expect(later.kept.attention.filter((a) => a.label.endsWith('snapshot is overdue')).length).toBeGreaterThan(0);
    expect(later.kept.attention).not.toEqual(kept.attention);
  });
});

describe('the kept Overview summary', () => {
  it('is computed again after a data change or when a target turns late, and only then', async () => {
    await fleetWithOneFailure();
    const first = await call<OverviewSummary>('overview:summary');
    const built = h.core.summaries.rebuilds;
    // Asked again with nothing changed (window and tray after the same push): no new computation.
    await call('overview:summary');
    await call('tray:state');
    expect(h.core.summaries.rebuilds).toBe(built);
    expect(first.counts).toEqual((await call<Overview>('overview:get')).counts);
    expect(first.counts.failing).toBeGreaterThan(0);

    // A write anywhere (here the failed run's row is marked deleted, by hand) makes the next read compute again.
    h.core.repos.db.prepare("UPDATE snapshots SET status = 'deleted' WHERE status = 'error'").run();
    const afterWrite = await call<OverviewSummary>('overview:summary');
    expect(h.core.summaries.rebuilds).toBe(built + 1);
    expect(afterWrite.counts.failing).toBe(0);
    expect(afterWrite.counts).toEqual((await call<Overview>('overview:get')).counts);
    const protectedNow = afterWrite.counts.protected;
    expect(protectedNow).toBeGreaterThan(0);

    // Time alone: just before the daily gap plus grace nothing changes; just after, the five are late.
    vi.setSystemTime(new Date(Date.now() + 28 * 3_600_000));
    expect((await call<OverviewSummary>('overview:summary')).counts).toMatchObject({
      late: 0,
      protected: protectedNow,
    });
    vi.setSystemTime(new Date(Date.now() + 3_600_000));
    const lateNow = (await call<OverviewSummary>('overview:summary')).counts;
    expect(lateNow).toMatchObject({ late: protectedNow, protected: 0 });
    // The uncached computation agrees.
    expect(lateNow).toEqual((await call<Overview>('overview:get')).counts);
  });
});
