import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHarness, advanceTo, ruleInput, settle, useFakeTime, type Harness } from './harness';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { digitalOceanOnFakeTime, type CrashingClient } from './emulators';

const DAY = 86_400_000;
let h: Harness;
let provider: CrashingClient;
let fake: DigitalOceanFake;

async function setup(settings = {}) {
  useFakeTime('2024-06-10T12:00:00Z');
  const emulator = await digitalOceanOnFakeTime(4);
  fake = emulator.fake;
  provider = emulator.client;
  h = createHarness({ client: () => provider, targets: emulator.targets, settings });
}
beforeEach(() => setup());
afterEach(async () => {
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});
const atProvider = (i = 0) => fake.snapshotsOf(h.core.repos.targets.get(h.targetIds[i]!)!.providerId);

const events = (core = h.core, type?: string) =>
  core.repos.activity.list({ offset: 0, limit: 1000 }).items.filter((e) => !type || e.type === type);
const rows = (core = h.core) => core.repos.snapshots.listByTarget(h.targetIds[0]!);

describe('the checker', () => {
  it('arms one exact alarm for the earliest due rule, none when nothing is enabled', async () => {
    const { core } = h;
    await core.engine.start();
    expect(core.engine.armedFor).toBeNull();
    const baseline = vi.getTimerCount(); // the HTTP stack's own timers, if any
    const a = (await core.dispatch('rules:create', ruleInput(h.targetIds[0]!))) as { ok: true; value: { id: number } };
    expect(a.ok).toBe(true);
    expect(core.engine.armedFor?.toISOString()).toBe('2024-06-11T01:00:00.000Z');
    await core.dispatch(
      'rules:create',
      ruleInput(h.targetIds[1]!, {
        schedule: { kind: 'interval', every: 6, unit: 'hours', anchor: '2024-06-10T00:00:00Z', timeZone: 'UTC' },
      }),
    );
    expect(core.engine.armedFor?.toISOString()).toBe('2024-06-10T18:00:00.000Z');
    // Exactly one pending timer: the alarm (long-timeout may chain, but never a polling loop).
    expect(vi.getTimerCount()).toBe(baseline + 1);
    await core.dispatch('rules:setEnabled', { id: a.value.id, enabled: false });
    await core.dispatch('rules:setEnabled', { id: a.value.id + 1, enabled: false });
    expect(core.engine.armedFor).toBeNull();
    expect(vi.getTimerCount()).toBe(baseline);
  });

  it('runs at the due time, records the snapshot, applies retention and re-arms for the next slot', async () => {
    const { core } = h;
    await core.engine.start();
    await core.dispatch(
      'rules:create',
      ruleInput(h.targetIds[0]!, { retention: { keepLast: 3, keepDays: null, gfs: null } }),
    );
    await advanceTo(core, Date.parse('2024-06-16T12:00:00Z'));
    await core.engine.whenIdle();
    const available = rows().filter((r) => r.status === 'available');
    expect(available).toHaveLength(3);
    expect(rows().filter((r) => r.status === 'deleted')).toHaveLength(3);
    expect(atProvider()).toHaveLength(3);
    expect(available.map((r) => r.name)).toContain('volsnap-data-1-20240616T010000Z');
    expect(core.engine.armedFor?.toISOString()).toBe('2024-06-17T01:00:00.000Z');
    expect(events(core, 'run.succeeded')).toHaveLength(6);
    expect(events(core, 'retention.deleted')).toHaveLength(3);
  });

  it('catches up ONCE after a long gap, then returns to the schedule; "skip" rules skip', async () => {
    let core = h.core;
    await core.engine.start();
    const once = ruleInput(h.targetIds[0]!);
    const skip = ruleInput(h.targetIds[1]!, { name: 'Skipper', catchUp: 'skip' });
    await core.dispatch('rules:create', once);
    await core.dispatch('rules:create', skip);
    await core.engine.stop();
    core.close();
    // volsnap is off for 5 days.
    vi.setSystemTime(Date.now() + 5 * DAY);
    core = h.open();
    await core.engine.start();
    await settle(core);
    await core.engine.whenIdle();
    expect(rows(core).map((r) => [r.status, r.slotAt])).toEqual([['available', '2024-06-15T01:00:00.000Z']]);
    expect(core.repos.snapshots.listByTarget(h.targetIds[1]!)).toHaveLength(0);
    expect(events(core, 'run.catch_up')).toHaveLength(1);
    expect(events(core, 'run.skipped')).toHaveLength(1);
    expect(core.engine.armedFor?.toISOString()).toBe('2024-06-16T01:00:00.000Z');
    await advanceTo(core, Date.parse('2024-06-16T02:00:00Z'));
    await core.engine.whenIdle();
    expect(rows(core)).toHaveLength(2);
    expect(core.repos.snapshots.listByTarget(h.targetIds[1]!)).toHaveLength(1);
  });

  it('catches up after sleep (onResume) once', async () => {
    const { core } = h;
    await core.engine.start();
    await core.dispatch('rules:create', ruleInput(h.targetIds[0]!));
    // Asleep: the wall clock moves 3 days but timers did not run.
    vi.setSystemTime(Date.now() + 3 * DAY);
    core.engine.onResume();
    await settle(core);
    await core.engine.whenIdle();
    expect(rows().map((r) => r.slotAt)).toEqual(['2024-06-13T01:00:00.000Z']);
  });

  it('re-arms after a rule edit and after wall-clock jumps', async () => {
    const { core } = h;
    await core.engine.start();
    const created = (await core.dispatch('rules:create', ruleInput(h.targetIds[0]!))) as {
      ok: true;
      value: { id: number };
    };
    expect(core.engine.armedFor?.toISOString()).toBe('2024-06-11T01:00:00.000Z');
    await core.dispatch('rules:update', {
      id: created.value.id,
      ...ruleInput(h.targetIds[0]!, {
        schedule: { kind: 'daily', time: '18:30', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'America/New_York' },
      }),
    });
    expect(core.engine.armedFor?.toISOString()).toBe('2024-06-10T22:30:00.000Z');
    // The clock jumps back two days: the next run comes closer.
    vi.setSystemTime(Date.parse('2024-06-08T12:00:00Z'));
    core.engine.onClockChanged();
    expect(core.engine.armedFor?.toISOString()).toBe('2024-06-08T22:30:00.000Z');
    // ... and forward by a week: one catch-up run, re-armed after now.
    vi.setSystemTime(Date.parse('2024-06-15T12:00:00Z'));
    core.engine.onClockChanged();
    await settle(core);
    await core.engine.whenIdle();
    expect(rows()).toHaveLength(1);
    expect(core.engine.armedFor?.toISOString()).toBe('2024-06-15T22:30:00.000Z');
  });

  it('global pause skips runs until its end, persists across restarts, and resume continues the schedule', async () => {
    let core = h.core;
    await core.engine.start();
    await core.dispatch('rules:create', ruleInput(h.targetIds[0]!));
    const paused = await core.dispatch('engine:pause', { until: '2024-06-12T12:00:00Z' });
    expect(paused.ok).toBe(true);
    expect(core.engine.armedFor?.toISOString()).toBe('2024-06-12T12:00:00.000Z');
    const overview = (await core.dispatch('overview:get', undefined)) as {
      ok: true;
      value: { pausedUntil: string; counts: Record<string, number> };
    };
    expect(overview.value.pausedUntil).toBe('2024-06-12T12:00:00.000Z');
    expect(overview.value.counts.paused).toBe(1);
    await core.engine.stop();
    core.close();
    core = h.open();
    await core.engine.start();
    expect(core.engine.pausedUntil()?.toISOString()).toBe('2024-06-12T12:00:00.000Z');
    await advanceTo(core, Date.parse('2024-06-13T12:00:00Z'));
    await core.engine.whenIdle();
    // 06-11 and 06-12 fell in the pause; 06-13 ran.
    expect(rows(core).map((r) => r.slotAt)).toEqual(['2024-06-13T01:00:00.000Z']);
    expect(events(core, 'engine.resumed')).toHaveLength(1);
    const past = await core.dispatch('engine:pause', { until: '2024-06-01T00:00:00Z' });
    expect(past).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'until' }] } });
  });

  it('respects the global and per-account concurrency limits and never runs one target twice at once', async () => {
    h.dispose();
    await fake.close();
    await setup({ concurrency: { global: 4, perAccount: 1 } });
    const { core } = h;
    await core.engine.start();
    for (const id of h.targetIds.slice(0, 2)) {
      await core.dispatch('rules:create', ruleInput(id));
      await core.dispatch('rules:create', ruleInput(id, { name: 'Second' }));
    }
    const started = (await core.dispatch('rules:runAll', undefined)) as { ok: true; value: { started: number } };
    expect(started.value.started).toBe(4);
    expect(core.engine.running).toBe(4);
    await settle(core);
    await advanceTo(core, Date.now() + 60_000);
    await core.engine.whenIdle();
    expect(provider.creates).toBe(4);
    expect(provider.maxConcurrentCreates).toBe(1);
    const again = await core.dispatch('rules:runNow', { id: 1 });
    expect(again.ok).toBe(true);
    expect(await core.dispatch('rules:runNow', { id: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await advanceTo(core, Date.now() + 60_000);
    await core.engine.whenIdle();
    expect(provider.creates).toBe(5);
    expect(atProvider(0)).toHaveLength(3);
  });
});
