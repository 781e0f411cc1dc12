/**
 * Issue 11, item 9 through the engine: a create answered 502/503/504 after the
 * provider acted is not retried blindly. The HTTP layer reports the outcome as
 * unknown, the engine looks the snapshot up by name before any retry, and the
 * volume ends with exactly one snapshot, tracked by exactly one row.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { digitalOceanOnFakeTime, type CrashingClient } from './emulators';
import { createHarness, drain, ruleInput, useFakeTime, type Harness } from './harness';

const CREATE = 'POST /v2/volumes/:volume_id/snapshots';
let h: Harness;
let provider: CrashingClient;
let fake: DigitalOceanFake;

beforeEach(async () => {
  useFakeTime('2024-06-10T12:00:00Z');
  const emulator = await digitalOceanOnFakeTime(1);
  fake = emulator.fake;
  provider = emulator.client;
  h = createHarness({ client: () => provider, targets: emulator.targets });
});
afterEach(async () => {
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});

describe('a create whose answer is lost after the provider acted', () => {
  it.each([502, 503, 504])(
    'answered %i: one snapshot at DigitalOcean, one row, recorded as available',
    async (status) => {
      const { core } = h;
      await core.engine.start();
      const targetId = h.targetIds[0]!;
      const providerId = core.repos.targets.get(targetId)!.providerId;
      await core.dispatch('rules:create', ruleInput(targetId));
      fake.faults.script.push({
        route: CREATE,
        count: 1,
        act: true,
        reply: { kind: 'raw', status, body: '', headers: { 'retry-after': '2' } },
      });
      expect(await core.dispatch('rules:runNow', { id: 1 })).toMatchObject({ ok: true });
      await drain(core);
      await core.engine.whenIdle();

      expect(fake.stats.scripted).toBe(1);
      expect(fake.stats.byRoute[CREATE]).toBe(1);
      const atProvider = fake.snapshotsOf(providerId);
      expect(atProvider).toHaveLength(1);
      const rows = core.repos.snapshots.listByTarget(targetId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'available', providerSnapshotId: atProvider[0]!.id });
    },
  );
});
