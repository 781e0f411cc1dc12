/**
 * Scaleway snapshot statuses: only `error` is a failure (PROVIDERS.md section
 * 0). `in_use`, `locked` and `exporting` are complete snapshots; `deleting` and
 * `deleted` were complete before someone removed them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient } from '../../../src/main/providers';
import type { ProviderClient, ProviderTarget } from '../../../src/main/providers/types';
import { startScalewayFake, type ScalewayFake, type ScwSnapshotStatus } from '../../fakes/scaleway';
import { fastOptions } from './helpers';

const TOKEN = 'scw_SECRET_statuses_5ca1ab1e';
let fake: ScalewayFake;
afterEach(async () => {
  await fake?.close();
});

async function setup(): Promise<{ client: ProviderClient; target: ProviderTarget }> {
  fake = await startScalewayFake({ token: TOKEN, snapshotPolls: 0 });
  fake.addVolume({ name: 'data', zone: 'fr-par-1' });
  const client = createProviderClient('scaleway', TOKEN, fastOptions(fake.url, [], { zones: ['fr-par-1'] }));
  const target = (await client.listTargets()).find((t) => t.name === 'data')!;
  return { client, target };
}

/** Creates a snapshot and polls it once, the emulator finishing it in `status`. */
async function pollEndingIn(status: ScwSnapshotStatus) {
  const { client, target } = await setup();
  fake.finishNextSnapshotsAs = [status];
  const created = await client.createSnapshot(target, { name: `volsnap-data-${status}`, ruleKey: 'r1' });
  const polled = await client.getSnapshot(target, created.id);
  expect(fake.state.snapshots.get(created.id)?.status).toBe(status);
  return { client, target, polled };
}

describe('Scaleway snapshot statuses', () => {
  it.each(['in_use', 'locked', 'exporting'] as const)('%s is a complete snapshot, not a failure', async (status) => {
    const { client, target, polled } = await pollEndingIn(status);
    expect(polled).toMatchObject({ status: 'available', error: null, managed: true, ruleKey: 'r1' });
    expect((await client.listSnapshots(target)).map((s) => s.status)).toEqual(['available']);
  });

  it.each(['deleting', 'deleted'] as const)(
    '%s is not a failure, and is no longer listed (retention must not count it as kept)',
    async (status) => {
      const { client, target, polled } = await pollEndingIn(status);
      expect(polled.status).not.toBe('error');
      expect(polled.error).toBeNull();
      expect(await client.listSnapshots(target)).toEqual([]);
    },
  );

  it("error is a failure, in the provider's word", async () => {
    const { polled } = await pollEndingIn('error');
    expect(polled.status).toBe('error');
    expect(polled.error).toContain('"error"');
  });
});
