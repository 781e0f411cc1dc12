import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/shared/errors';
import { createHarness, ruleInput, settle, targetFixture, useFakeTime, advanceTo, type Harness } from './harness';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { digitalOceanOnFakeTime, type CrashingClient } from './emulators';

let h: Harness;
let provider: CrashingClient;
let fake: DigitalOceanFake;
beforeEach(async () => {
  useFakeTime('2024-06-10T12:00:00Z');
  const emulator = await digitalOceanOnFakeTime(1);
  fake = emulator.fake;
  provider = emulator.client;
  h = createHarness({ client: () => provider, targets: emulator.targets });
  // A Hetzner volume: listed, but not snapshotable.
  const hz = h.addAccount('hetzner', [
    targetFixture(2, { snapshotable: false, unsupportedReason: 'Hetzner cannot snapshot volumes.' }),
  ]);
  h.targetIds.push(...hz.targetIds);
});
afterEach(async () => {
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});

const call = async <T = unknown>(channel: string, input?: unknown) =>
  (await h.core.dispatch(channel, input)) as Envelope<T>;
const fieldsOf = (e: Envelope<unknown>) => (e.ok ? [] : (e.error.fields ?? []).map((f) => f.path));

describe('rules channels', () => {
  it('explain invalid input per field, beyond what the schema checks', async () => {
    const [snapshotable, unsupported] = h.targetIds as [number, number];
    const bad = await call('rules:create', {
      ...ruleInput(snapshotable),
      schedule: { kind: 'cron', expression: '0 25 * * *', timeZone: 'Mars/Base' },
      retention: { keepLast: null, keepDays: null, gfs: null },
      nameTemplate: '{volume}-{host}',
    });
    expect(bad.ok).toBe(false);
    expect(fieldsOf(bad).sort()).toEqual(
      ['nameTemplate', 'retention', 'schedule.expression', 'schedule.timeZone'].sort(),
    );
    if (!bad.ok) expect(bad.error.code).toBe('invalid_input');

    const notSnapshotable = await call('rules:create', ruleInput(unsupported));
    expect(notSnapshotable).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [{ path: 'targetId', message: 'Cannot be snapshotted' }] },
    });
    if (!notSnapshotable.ok) expect(notSnapshotable.error.message).toContain('Hetzner cannot snapshot volumes');

    const unknownTarget = await call('rules:create', ruleInput(9999));
    expect(fieldsOf(unknownTarget)).toEqual(['targetId']);

    // zod still guards the shape (e.g. HH:MM)
    const shape = await call('rules:create', {
      ...ruleInput(snapshotable),
      schedule: { kind: 'daily', time: '3am', weekdays: [1], timeZone: 'UTC' },
    });
    expect(fieldsOf(shape)).toEqual(['schedule.time']);
  });

  it('create, list, get, update, enable, delete', async () => {
    const [target] = h.targetIds as [number];
    const created = await call<{ id: number; nextRunAt: string }>('rules:create', ruleInput(target));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value.nextRunAt).toBe('2024-06-11T01:00:00.000Z');
    expect(
      (await call<unknown[]>('rules:list', { targetId: target })).ok && (await call<unknown[]>('rules:list')).ok,
    ).toBe(true);
    const got = await call<{ name: string }>('rules:get', { id: created.value.id });
    expect(got).toMatchObject({ ok: true, value: { name: 'Nightly' } });
    const updated = await call<{ name: string; nextRunAt: string }>('rules:update', {
      id: created.value.id,
      ...ruleInput(target, { name: 'Hourly', schedule: { kind: 'cron', expression: '15 * * * *', timeZone: 'UTC' } }),
    });
    expect(updated).toMatchObject({ ok: true, value: { name: 'Hourly', nextRunAt: '2024-06-10T12:15:00.000Z' } });
    const disabled = await call<{ enabled: boolean; nextRunAt: string | null }>('rules:setEnabled', {
      id: created.value.id,
      enabled: false,
    });
    expect(disabled).toMatchObject({ ok: true, value: { enabled: false, nextRunAt: null } });
    expect(await call('rules:delete', { id: created.value.id })).toEqual({ ok: true, value: { ok: true } });
    expect(await call('rules:get', { id: created.value.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('previews schedule words and next runs, names and retention with cost', async () => {
    const [target] = h.targetIds as [number];
    const schedule = await call('rules:previewSchedule', {
      schedule: { kind: 'daily', time: '02:00', weekdays: [1, 4], timeZone: 'Europe/Berlin' },
      count: 2,
    });
    expect(schedule).toEqual({
      ok: true,
      value: {
        description: 'Mondays and Thursdays at 02:00 (Europe/Berlin)',
        next: ['2024-06-13T00:00:00.000Z', '2024-06-17T00:00:00.000Z'],
      },
    });
    const badCron = await call('rules:previewSchedule', {
      schedule: { kind: 'cron', expression: 'every day', timeZone: 'UTC' },
    });
    expect(fieldsOf(badCron)).toEqual(['schedule.expression']);

    const name = await call<{ name: string }>('rules:previewName', {
      targetId: target,
      template: 'nightly {volume} {date}',
    });
    expect(name.ok && name.value.name).toMatch(/^volsnap-nightly-data-1-20240610-20240610T120000Z$/);

    await h.core.engine.start();
    const rule = await call<{ id: number }>(
      'rules:create',
      ruleInput(target, { retention: { keepLast: 10, keepDays: null, gfs: null } }),
    );
    if (!rule.ok) throw new Error('rule not created');
    await advanceTo(h.core, Date.parse('2024-06-15T12:00:00Z'));
    await h.core.engine.whenIdle();
    const preview = await call<{ keep: { sizeGb: number }[]; remove: unknown[]; monthlyCost: number }>(
      'rules:previewRetention',
      {
        targetId: target,
        ruleId: rule.value.id,
        retention: { keepLast: 2, keepDays: null, gfs: null },
      },
    );
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.value.keep).toHaveLength(2);
    expect(preview.value.remove).toHaveLength(3);
    // kept sizes (as the provider reported them) x $0.06 per GB-month
    const keptGb = preview.value.keep.reduce((sum, s) => sum + s.sizeGb, 0);
    expect(keptGb).toBeGreaterThan(0);
    expect(preview.value.monthlyCost).toBeCloseTo(keptGb * 0.06);
    expect(
      fieldsOf(
        await call('rules:previewRetention', {
          targetId: target,
          retention: { keepLast: null, keepDays: null, gfs: null },
        }),
      ),
    ).toEqual(['retention']);
  });
});

describe('targets, overview and health', () => {
  it('report health per target and the overview counts', async () => {
    const [target, other] = h.targetIds as [number, number];
    await h.core.engine.start();
    const list = async () => {
      const r = await call<{ id: number; health: string; ruleIds: number[] }[]>('targets:list');
      if (!r.ok) throw new Error(r.error.message);
      return new Map(r.value.map((t) => [t.id, t]));
    };
    expect((await list()).get(target)?.health).toBe('unprotected');
    await call('rules:create', ruleInput(target));
    await call('rules:runNow', { id: 1 });
    await settle(h.core);
    await advanceTo(h.core, Date.now() + 10_000);
    await h.core.engine.whenIdle();
    expect((await list()).get(target)).toMatchObject({ health: 'protected', ruleIds: [1] });
    expect((await list()).get(other)?.health).toBe('unprotected');

    fake.token = 'revoked'; // the token no longer works at the provider
    await call('rules:runNow', { id: 1 });
    await advanceTo(h.core, Date.now() + 10_000);
    await h.core.engine.whenIdle();
    expect((await list()).get(target)?.health).toBe('failing');
    const rule = await call<{ attention: string | null }>('rules:get', { id: 1 });
    expect(rule.ok && rule.value.attention).toMatch(/token/i);
    // Permanent errors are not retried within the slot: one rejected request.
    expect(fake.stats.unauthorized).toBe(1);

    const overview = await call<{
      counts: Record<string, number>;
      nextRuns: { ruleId: number }[];
      recent: { type: string }[];
      running: number;
    }>('overview:get');
    expect(overview.ok).toBe(true);
    if (!overview.ok) return;
    expect(overview.value.counts).toEqual({ protected: 0, late: 0, failing: 1, paused: 0, unprotected: 1 });
    expect(overview.value.nextRuns.map((r) => r.ruleId)).toEqual([1]);
    expect(overview.value.recent.map((e) => e.type)).toContain('run.failed');
    expect(overview.value.running).toBe(0);
  });
});
