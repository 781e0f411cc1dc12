/**
 * The editor's steady-state projection through the contract, over DigitalOcean
 * volumes from the stateful emulator: the issue's rule keeps thousands per
 * volume and exceeds the published 25 per volume; sizes come from existing
 * snapshots where the provider reported them, else from the volume's size;
 * selector rules are projected over what they match now.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/shared/errors';
import type { RetentionProjection } from '../../../src/shared/projection-contract';
import { emptySelector } from '../../../src/shared/target-selector';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { digitalOceanOnFakeTime, type CrashingClient } from './emulators';
import { createHarness, ruleInput, useFakeTime, type Harness } from './harness';

let h: Harness;
let fake: DigitalOceanFake;
let client: CrashingClient;

beforeEach(async () => {
  useFakeTime('2026-11-30T06:00:00Z');
  const emulator = await digitalOceanOnFakeTime(0);
  fake = emulator.fake;
  client = emulator.client;
  fake.addVolume({ name: 'pg-main', region: 'fra1', sizeGb: 100, tags: ['db'] });
  fake.addVolume({ name: 'pg-replica', region: 'fra1', sizeGb: 50, tags: ['db'] });
  fake.addVolume({ name: 'web', region: 'ams3', sizeGb: 20 });
  h = createHarness({ client: () => client, targets: await client.listTargets() });
});
afterEach(async () => {
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});

const project = async (input: unknown): Promise<RetentionProjection> => {
  const envelope = (await h.core.dispatch('rules:projectRetention', input)) as Envelope<RetentionProjection>;
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value;
};
const byName = (name: string) => h.core.repos.targets.list().find((t) => t.name === name)!.id;
const everyQuarterHour = {
  kind: 'interval',
  every: 15,
  unit: 'minutes',
  anchor: '2026-11-30T06:00:00Z',
  timeZone: 'Europe/Berlin',
} as const;
const issueRetention = { keepLast: null, keepDays: 30, gfs: { daily: 7, weekly: 4, monthly: 12 } };

describe('steady-state projection', () => {
  it('the issue: every 15 minutes keeping 30 days and copies keeps thousands, past DigitalOcean 25 per volume', async () => {
    const result = await project({
      schedule: everyQuarterHour,
      retention: issueRetention,
      targetId: byName('pg-main'),
    });
    expect(result.perTarget.count).toBeGreaterThan(2_880);
    expect(result.perTarget.atLeast).toBe(false);
    expect(result.targets).toBe(1);
    expect(result.firstTarget?.name).toBe('pg-main');
    expect(result.quotas).toEqual([
      expect.objectContaining({
        provider: 'digitalocean',
        scope: 'target',
        limit: 25,
        projected: result.perTarget.count,
        example: 'pg-main',
        source: 'https://docs.digitalocean.com/products/snapshots/details/limits/',
      }),
    ]);
    // Keeping 30 days is what keeps too many; the copies alone stay under the limit.
    const alone = Object.fromEntries(result.byPolicy.map((p) => [p.policy, p.state.count]));
    expect(alone.keepDays).toBeGreaterThanOrEqual(2_880);
    expect(alone.gfs).toBeLessThanOrEqual(25);
    // No snapshot yet: the volume's 100 GB per snapshot, at the saved $0.06 per GB-month.
    expect(result.storage).toEqual([
      expect.objectContaining({ provider: 'digitalocean', sizedByVolume: 1, sizedBySnapshots: 0, snapshotGb: 100 }),
    ]);
    expect(result.storage[0]!.totalGb).toBeCloseTo(result.perTarget.count * 100, 0);
    expect(result.storage[0]!.monthlyCost).toBeCloseTo(result.perTarget.count * 100 * 0.06, 1);
  });

  it('a rule within the limit gets no warning, and sizes from existing snapshots where the provider reported them', async () => {
    const rule = await h.core.dispatch('rules:create', ruleInput(byName('pg-main')));
    const ruleId = (rule as Envelope<{ id: number }> & { ok: true }).value.id;
    for (const [i, size] of [4, 6].entries())
      h.core.repos.snapshots.adopt({
        ruleId,
        targetId: byName('pg-main'),
        providerId: `snap-${i}`,
        name: `old-${i}`,
        takenAt: `2026-11-2${i}T03:00:00Z`,
        sizeGb: size,
      });
    const result = await project({
      schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Berlin' },
      retention: { keepLast: 7, keepDays: null, gfs: { daily: 0, weekly: 4, monthly: 6 } },
      selection: { mode: 'explicit', targetIds: [byName('pg-main'), byName('web')] },
    });
    expect(result.perTarget.count).toBeGreaterThanOrEqual(7 + 6);
    expect(result.perTarget.count).toBeLessThanOrEqual(7 + 4 + 6);
    expect(result.quotas).toEqual([]);
    expect(result.byPolicy).toEqual([]);
    expect(result.targets).toBe(2);
    expect(result.firstTarget?.name).toBe('pg-main');
    // pg-main: the average of its two snapshots (5 GB); web: its 20 GB volume.
    expect(result.storage).toEqual([
      expect.objectContaining({ targets: 2, sizedBySnapshots: 1, sizedByVolume: 1, unsized: 0, snapshotGb: 12.5 }),
    ]);
    expect(result.storage[0]!.totalGb).toBeCloseTo(result.perTarget.count * 25, 1);
  });

  it('a selector is projected over what it matches now, and the warning counts every matching volume', async () => {
    const result = await project({
      schedule: everyQuarterHour,
      retention: issueRetention,
      selection: { mode: 'selector', selector: { ...emptySelector(), tagsInclude: ['db'] } },
    });
    expect(result.targets).toBe(2);
    expect(result.firstTarget?.name).toBe('pg-main');
    expect(result.quotas[0]).toMatchObject({ limit: 25, targets: 2, example: 'pg-main' });
    const none = await project({
      schedule: everyQuarterHour,
      retention: issueRetention,
      selection: { mode: 'selector', selector: { ...emptySelector(), tagsInclude: ['nothing'] } },
    });
    expect(none).toMatchObject({ targets: 0, firstTarget: null, storage: [], quotas: [] });
    expect(none.perTarget.count).toBe(result.perTarget.count);
  });

  it('refuses a schedule that cannot run, naming the field', async () => {
    const envelope = (await h.core.dispatch('rules:projectRetention', {
      schedule: { kind: 'cron', expression: '61 * * * *', timeZone: 'UTC' },
      retention: issueRetention,
    })) as Envelope<unknown>;
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('invalid_input');
  });
});
