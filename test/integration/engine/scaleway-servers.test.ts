/**
 * A rule on a Scaleway server, end to end: hourly backups, retention deleting
 * old images and their snapshots, and a deletion interrupted halfway (the
 * image gone, a snapshot refused) finished on a later pass, leaving nothing.
 * Real engine, real client, the Scaleway emulator on fake time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startScalewayFake, type ScalewayFake } from '../../fakes/scaleway';
import { emulatorClient } from './emulators';
import { advanceTo, createHarness, ruleInput, useFakeTime, type Harness } from './harness';

const HOUR = 3_600_000;
const TOKEN = 'scw-engine-servers';
let h: Harness | undefined;
let fake: ScalewayFake | undefined;
afterEach(async () => {
  h?.dispose();
  await fake?.close();
  vi.useRealTimers();
});

describe('engine: Scaleway server backups', () => {
  it('keeps the last 2 backups, deletes older images with their snapshots, and finishes an interrupted deletion', async () => {
    useFakeTime('2024-06-10T00:30:00Z');
    fake = await startScalewayFake({ token: TOKEN, imagePolls: 2, now: () => Date.now() });
    const web = fake.addServer({ name: 'web-1', zone: 'fr-par-1' });
    fake.addVolume({ name: 'web-1-data', zone: 'fr-par-1', serverId: web.id });
    fake.addImage(web.id, { name: 'volsnap-golden', tags: ['prod'] }); // not volsnap's: must survive
    const client = emulatorClient('scaleway', fake.url, TOKEN);
    const server = (await client.listTargets()).find((t) => t.kind === 'server')!;
    h = createHarness({ client: () => client, targets: [server], provider: 'scaleway' });
    const core = h.core;
    await core.engine.start();
    const created = await core.dispatch(
      'rules:create',
      ruleInput(h.targetIds[0]!, {
        schedule: { kind: 'cron', expression: '0 * * * *', timeZone: 'UTC' },
        retention: { keepLast: 2, keepDays: null, gfs: null },
      }),
    );
    expect(created.ok).toBe(true);
    await advanceTo(core, Date.now() + 3 * HOUR); // 01:00, 02:00, 03:00
    await core.engine.whenIdle();
    fake.refuseNextSnapshotDeletes = 1; // the 04:00 retention: image deleted, a snapshot refused
    await advanceTo(core, Date.now() + 2 * HOUR); // 04:00, 05:00
    await core.engine.whenIdle();

    const rows = core.repos.snapshots.listByTarget(h.targetIds[0]!);
    const available = rows.filter((r) => r.status === 'available');
    expect(available).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'deleted')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'error')).toEqual([]);
    const images = [...fake.instance.images.values()];
    expect(images.map((i) => i.name).sort()).toEqual(
      ['volsnap-golden', ...available.map((r) => `${r.name}.rule-${core.engine.ruleKey(r.ruleId!)}`)].sort(),
    );
    // No snapshot is left without its image.
    const used = new Set(images.flatMap((i) => i.volumes.map((v) => v.snapshotId)));
    const left = [...fake.state.snapshots.keys(), ...fake.instance.instanceSnapshots.keys()];
    expect(left.filter((id) => !used.has(id))).toEqual([]);
    expect(used.size).toBe(4);
    const types = core.repos.activity.list({ offset: 0, limit: 200 }).items.map((e) => e.type);
    expect(types.filter((t) => t === 'run.succeeded')).toHaveLength(5);
    expect(types).toContain('retention.failed'); // the refused snapshot, said once
  });
});
