/**
 * A run whose poll sees a Scaleway snapshot `locked`, `in_use`, `exporting`,
 * `deleting` or `deleted` is not a failed run: only `error` is (PROVIDERS.md
 * section 0). Real engine, real client, the Scaleway emulator on fake time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startScalewayFake, type ScalewayFake, type ScwSnapshotStatus } from '../../fakes/scaleway';
import { emulatorClient } from './emulators';
import { advanceTo, createHarness, ruleInput, settle, useFakeTime, type Harness } from './harness';

const TOKEN = 'scw-engine-statuses';
let h: Harness | undefined;
let fake: ScalewayFake | undefined;
afterEach(async () => {
  h?.dispose();
  await fake?.close();
  vi.useRealTimers();
});

async function runEndingIn(status: ScwSnapshotStatus) {
  useFakeTime('2024-06-10T12:00:00Z');
  fake = await startScalewayFake({ token: TOKEN, snapshotPolls: 1, now: () => Date.now() });
  fake.addVolume({ name: 'data', zone: 'fr-par-1' });
  const client = emulatorClient('scaleway', fake.url, TOKEN);
  const targets = await client.listTargets();
  h = createHarness({ client: () => client, targets, provider: 'scaleway' });
  const core = h.core;
  await core.engine.start();
  await core.dispatch('rules:create', ruleInput(h.targetIds[0]!));
  fake.finishNextSnapshotsAs = [status];
  expect(await core.dispatch('rules:runNow', { id: 1 })).toMatchObject({ ok: true });
  await settle(core);
  await advanceTo(core, Date.now() + 60_000);
  await core.engine.whenIdle();
  const types = core.repos.activity.list({ offset: 0, limit: 100 }).items.map((e) => e.type);
  const rows = core.repos.snapshots.listByTarget(h.targetIds[0]!);
  return { types, rows };
}

describe('engine: Scaleway statuses other than error', () => {
  it.each(['locked', 'in_use', 'exporting', 'deleting', 'deleted'] as const)(
    'a poll that sees %s records a successful run',
    async (status) => {
      const { types, rows } = await runEndingIn(status);
      // The emulator really answered that status.
      expect([...fake!.state.snapshots.values()].map((s) => s.status)).toEqual([status]);
      expect(types).toContain('run.succeeded');
      expect(types).not.toContain('run.failed');
      expect(rows.map((r) => r.status)).not.toContain('error');
    },
  );

  it('a poll that sees error records a failed run (the test can fail)', async () => {
    const { types, rows } = await runEndingIn('error');
    expect(types).toContain('run.failed');
    expect(rows.map((r) => r.status)).toContain('error');
  });
});
