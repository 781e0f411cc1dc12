/**
 * The rule editor's Weekly choice and interval start time, as main sees them: a week
 * without days is refused at the days, and an interval from 02:00 keeps its local
 * times (clock-aligned) through the service, the next run and the words.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Rule } from '../../../src/shared/domain';
import type { Envelope } from '../../../src/shared/errors';
import { createHarness, ruleInput, useFakeTime, type Harness } from './harness';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { digitalOceanOnFakeTime } from './emulators';

let h: Harness;
let fake: DigitalOceanFake;
beforeEach(async () => {
  useFakeTime('2026-03-28T12:00:00Z');
  const emulator = await digitalOceanOnFakeTime(1);
  fake = emulator.fake;
  h = createHarness({ client: () => emulator.client, targets: emulator.targets });
});
afterEach(async () => {
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});

const call = async <T = unknown>(channel: string, input?: unknown) =>
  (await h.core.dispatch(channel, input)) as Envelope<T>;

describe('schedule choices in main', () => {
  it('refuses a weekly schedule without days, at the days, in our words', async () => {
    const noDays = await call('rules:create', {
      ...ruleInput(h.targetIds[0]!),
      schedule: { kind: 'daily', time: '03:00', weekdays: [], timeZone: 'UTC' },
    });
    expect(noDays).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [{ path: 'schedule.weekdays', message: 'Choose at least one day' }] },
    });
    expect(h.core.repos.rules.list()).toHaveLength(0);
  });

  it('keeps a clock-aligned interval at its local times across spring-forward', async () => {
    // Every 4 hours from 02:00 in Berlin; Berlin moves to summer time on 29 March 2026.
    const schedule = {
      kind: 'interval' as const,
      every: 4,
      unit: 'hours' as const,
      anchor: '2026-03-28T01:00:00.000Z',
      timeZone: 'Europe/Berlin',
      clockAligned: true,
    };
    const preview = await call<{ description: string; next: string[] }>('rules:previewSchedule', {
      schedule,
      count: 4,
    });
    expect(preview).toEqual({
      ok: true,
      value: {
        description: 'Every 4 hours from 02:00 (Europe/Berlin)',
        next: [
          '2026-03-28T13:00:00.000Z', // 14:00 CET
          '2026-03-28T17:00:00.000Z',
          '2026-03-28T21:00:00.000Z',
          '2026-03-29T01:00:00.000Z', // 02:00 is skipped: when the clock jumps to 03:00 CEST
        ],
      },
    });
    const created = await call<Rule>('rules:create', { ...ruleInput(h.targetIds[0]!), schedule });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.schedule).toEqual(schedule);
    expect(created.value.nextRunAt).toBe('2026-03-28T13:00:00.000Z');
    // Exported as it is, so an import on a server keeps the same times.
    const exported = await call<{ rules: { schedule: unknown }[] }>('rules:export');
    expect(exported.ok && exported.value.rules[0]?.schedule).toEqual(schedule);
  });
});
