/**
 * Deleting a rule keeps or deletes its snapshots; snapshots without a rule are
 * listed and deleted by the safe path (only volsnap's own, each recorded, a
 * failure kept with its reason and retryable), against the DigitalOcean
 * emulator: the assertions look at the emulator's state, not only at rows.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/shared/errors';
import type { SnapshotDetail, SnapshotWithoutRule, SnapshotsSize } from '../../../src/shared/snapshot-contract';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { createHarness, drain, ruleInput, useFakeTime, type Harness } from './harness';
import { digitalOceanOnFakeTime } from './emulators';

let h: Harness;
let fake: DigitalOceanFake;
let volumeId: string;

beforeEach(async () => {
  useFakeTime('2024-06-10T12:00:00Z');
  const emulator = await digitalOceanOnFakeTime(2);
  fake = emulator.fake;
  volumeId = emulator.targets[0]!.providerId;
  h = createHarness({ client: () => emulator.client, targets: emulator.targets });
  await h.core.engine.start();
});
afterEach(async () => {
  await h.core.engine.stop();
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const answer = (await h.core.dispatch(channel, input)) as Envelope<T>;
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.value;
}

/** A rule on the first volume that has taken `runs` snapshots (each in its own second). */
async function ruleWithSnapshots(runs: number): Promise<number> {
  const rule = await call<{ id: number }>('rules:create', ruleInput(h.targetIds[0]!, { name: 'Nightly db' }));
  for (let i = 0; i < runs; i++) {
    await call('rules:runNow', { id: rule.id });
    await drain(h.core);
    vi.advanceTimersByTime(2_000);
  }
  expect(fake.snapshotsOf(volumeId)).toHaveLength(runs);
  return rule.id;
}

const withoutRule = () =>
  call<{ items: SnapshotWithoutRule[]; total: number; size: SnapshotsSize }>('snapshots:withoutRule', {});
const activityTypes = () => h.core.repos.activity.list({ offset: 0, limit: 100 }).items.map((a) => a.type);

describe('deleting a rule', () => {
  it('tells how many snapshots the rule owns and their size, then keeps them as snapshots without a rule', async () => {
    const ruleId = await ruleWithSnapshots(2);
    const impact = await call<SnapshotsSize & { inProgress: number }>('rules:deletionImpact', { id: ruleId });
    expect(impact).toMatchObject({ count: 2, inProgress: 0 });
    expect(impact.sizeGb + impact.unknownSize).toBeGreaterThan(0);
    // A run still in flight is counted apart: it finishes first and is kept whatever the choice.
    h.core.repos.snapshots.insertIntent({
      ruleId,
      targetId: h.targetIds[1]!,
      name: 'volsnap-in-flight',
      slotAt: '2024-06-10T11:00:00.000Z',
      requestedAt: '2024-06-10T11:00:00.000Z',
    });
    expect(await call('rules:deletionImpact', { id: ruleId })).toMatchObject({ count: 2, inProgress: 1 });

    await call('rules:delete', { id: ruleId, snapshots: 'keep' });
    expect(fake.snapshotsOf(volumeId)).toHaveLength(2);
    const list = await withoutRule();
    expect(list.total).toBe(2);
    expect(list.items.map((s) => [s.cause, s.formerRuleName, s.status])).toEqual([
      ['rule_deleted', 'Nightly db', 'available'],
      ['rule_deleted', 'Nightly db', 'available'],
    ]);
    expect(await call<SnapshotsSize>('snapshots:withoutRuleSummary')).toEqual(list.size);

    // Deleting one of them later: gone at the provider, recorded, and no longer listed.
    const [first, second] = list.items as [SnapshotWithoutRule, SnapshotWithoutRule];
    expect(await call('snapshots:delete', { ids: [first.id] })).toEqual({ started: 1, refused: [] });
    await drain(h.core);
    expect(fake.snapshotsOf(volumeId).map((s) => s.id)).toEqual([second.providerSnapshotId]);
    expect(h.core.repos.snapshots.get(first.id)?.status).toBe('deleted');
    expect(activityTypes()).toContain('snapshot.deleted');
    expect((await withoutRule()).items.map((s) => s.id)).toEqual([second.id]);
  });

  it('deletes them at the provider when asked, in the background, keeping the history rows', async () => {
    const ruleId = await ruleWithSnapshots(3);
    const other = fake.addVolumeSnapshot(volumeId, 'volsnap-by-hand', ['volsnap']);
    await call('rules:delete', { id: ruleId, snapshots: 'delete' });
    await drain(h.core);
    expect(fake.snapshotsOf(volumeId).map((s) => s.id)).toEqual([other.id]);
    const rows = h.core.repos.snapshots.listByTarget(h.targetIds[0]!);
    expect(rows.map((r) => r.status)).toEqual(['deleted', 'deleted', 'deleted']);
    expect((await withoutRule()).total).toBe(0);
    expect(activityTypes().filter((t) => t === 'snapshot.deleted')).toHaveLength(3);
  });
});

describe('deleting snapshots without a rule', () => {
  it('keeps a failed deletion with the provider’s reason, and a retry deletes it', async () => {
    const ruleId = await ruleWithSnapshots(1);
    await call('rules:delete', { id: ruleId, snapshots: 'keep' });
    const [row] = (await withoutRule()).items as [SnapshotWithoutRule];
    fake.faults.script.push({
      route: 'DELETE /v2/volumes/snapshots/:snapshot_id',
      count: 1,
      act: false,
      reply: {
        kind: 'raw',
        status: 422,
        body: JSON.stringify({ id: 'unprocessable_entity', message: 'Snapshot is in use by a pending volume.' }),
      },
    });
    await call('snapshots:delete', { ids: [row.id] });
    await drain(h.core);
    const failed = (await withoutRule()).items[0]!;
    expect(failed.status).toBe('available');
    expect(failed.deletionError).toMatch(/\S/);
    expect(fake.snapshotsOf(volumeId)).toHaveLength(1);
    expect(activityTypes()).toContain('snapshot.delete_failed');

    await call('snapshots:delete', { ids: [row.id] });
    await drain(h.core);
    expect(fake.snapshotsOf(volumeId)).toHaveLength(0);
    expect(h.core.repos.snapshots.get(row.id)).toMatchObject({ status: 'deleted' });
    expect(h.core.repos.snapshotsWithoutRule.get(row.id)?.deletionError).toBeNull();
  });

  it('refuses a snapshot that does not carry volsnap’s marks at the provider, and says why', async () => {
    const ruleId = await ruleWithSnapshots(1);
    await call('rules:delete', { id: ruleId, snapshots: 'keep' });
    const [row] = (await withoutRule()).items as [SnapshotWithoutRule];
    // Someone removed volsnap's tags at the provider: volsnap can no longer prove it made it.
    fake.state.snapshots.get(row.providerSnapshotId!)!.tags = [];
    await call('snapshots:delete', { ids: [row.id] });
    await drain(h.core);
    expect(fake.snapshotsOf(volumeId)).toHaveLength(1);
    const detail = await call<SnapshotDetail>('snapshots:detail', { id: row.id });
    expect(detail.status).toBe('available');
    expect(detail.deletionError).toContain('volsnap did not make this snapshot');
  });

  it('deletes an older row that does not know its rule only when its rule key is this installation’s', async () => {
    const ruleId = await ruleWithSnapshots(2);
    await call('rules:delete', { id: ruleId, snapshots: 'keep' });
    // Rows orphaned before volsnap remembered the rule (migration 6) have no former rule.
    h.core.repos.db.prepare('UPDATE snapshots SET former_rule_id = NULL, former_rule_name = NULL').run();
    const [mine, theirs] = (await withoutRule()).items as [SnapshotWithoutRule, SnapshotWithoutRule];
    expect(mine.cause).toBe('unknown');
    const other = fake.state.snapshots.get(theirs.providerSnapshotId!)!;
    other.tags = other.tags.map((t) => (t.startsWith('volsnap-rule:') ? 'volsnap-rule:r1-0badc0de' : t));
    await call('snapshots:delete', { ids: [mine.id, theirs.id] });
    await drain(h.core);
    expect(fake.snapshotsOf(volumeId).map((s) => s.id)).toEqual([theirs.providerSnapshotId]);
    expect(h.core.repos.snapshotsWithoutRule.get(theirs.id)?.deletionError).toContain('volsnap did not make');
  });

  it('lists a target that left a rule as left_rule, and refuses rows that are not available yet', async () => {
    const ruleId = await ruleWithSnapshots(1);
    h.core.repos.rules.targets.apply(ruleId, [h.targetIds[1]!], new Date().toISOString());
    const [row] = (await withoutRule()).items as [SnapshotWithoutRule];
    expect(row).toMatchObject({ cause: 'left_rule', formerRuleName: 'Nightly db' });
    h.core.repos.snapshots.setDeleted(row.id, new Date().toISOString());
    expect(await call('snapshots:delete', { ids: [row.id] })).toEqual({
      started: 0,
      refused: [{ id: row.id, reason: 'It was deleted already.' }],
    });
  });

  it('gives the detail of a snapshot: console link and restore steps of its provider', async () => {
    await ruleWithSnapshots(1);
    const [row] = h.core.repos.snapshots.listByTarget(h.targetIds[0]!);
    const detail = await call<SnapshotDetail>('snapshots:detail', { id: row!.id });
    expect(detail).toMatchObject({
      provider: 'digitalocean',
      ruleName: 'Nightly db',
      consoleUrl: 'https://cloud.digitalocean.com/images/snapshots/volumes',
      retryRuleId: null,
    });
    expect(detail.restoreSteps.join(' ')).toContain('Create Volume');
  });
});
