/**
 * Rules over many targets against the DigitalOcean emulator: a selector
 * rule's slot runs on every matching volume (one row each), one volume
 * failing never stops the others, progress counts the slot, retention is per
 * (rule, volume); a refresh brings new matching volumes in (told in Activity)
 * and lets volumes that stop matching go (their snapshots kept, no rule).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/shared/errors';
import type { OverviewSummary, RuleProgress } from '../../../src/shared/fleet-contract';
import type { Rule, TargetSelector } from '../../../src/shared/domain';
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
  for (let i = 1; i <= 12; i++)
    fake.addVolume({
      name: `pg-${String(i).padStart(2, '0')}`,
      region: 'fra1',
      sizeGb: 10,
      tags: i <= 10 ? ['db'] : [],
    });
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

const dbSelector: TargetSelector = {
  accountIds: [],
  providers: ['digitalocean'],
  regions: ['fra1'],
  kinds: ['volume'],
  tagsInclude: ['db'],
  tagsExclude: [],
  namePattern: 'pg-*',
};

const createSelectorRule = () =>
  call<Rule>('rules:create', {
    ...ruleInput(0, { name: 'Nightly databases', retention: { keepLast: 1, keepDays: null, gfs: null } }),
    targetId: undefined,
    selection: { mode: 'selector', selector: dbSelector },
  });

describe('a selector rule over many volumes', () => {
  it('runs one row per target at a slot; one failing target never stops the others; progress and retention per target', async () => {
    const rule = await createSelectorRule();
    expect(rule.targetId).toBeNull();
    expect(h.core.repos.rules.targets.members(rule.id)).toHaveLength(10);

    // One volume disappears at the provider behind volsnap's back: its create fails, the others go on.
    const doomed = fake.state.volumes.find((v) => v.name === 'pg-03')!;
    fake.state.volumes.splice(fake.state.volumes.indexOf(doomed), 1);
    fake.state.volumesById.delete(doomed.id);

    await call('rules:runNow', { id: rule.id });
    await drain(h.core);
    const rows = h.core.repos.snapshots.listByRule(rule.id);
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.targetId)).size).toBe(10);
    expect(rows.filter((r) => r.status === 'available')).toHaveLength(9);
    const failed = rows.filter((r) => r.status === 'error');
    expect(failed.map((r) => h.core.repos.targets.get(r.targetId)!.name)).toEqual(['pg-03']);

    const [progress] = await call<RuleProgress[]>('rules:progress', { ruleId: rule.id });
    expect(progress).toMatchObject({
      ruleId: rule.id,
      targets: 10,
      slot: { total: 10, done: 9, failed: 1, running: 0 },
    });

    // The fleet summary (read model) agrees with the full Overview, and lists the failing volume.
    const full = await call<{ counts: Record<string, number> }>('overview:get');
    const summary = await call<OverviewSummary>('overview:summary');
    expect(summary.counts).toEqual(full.counts);
    expect(summary.counts).toMatchObject({ failing: 1, protected: 9, unprotected: 2 });
    expect(summary.attention).toEqual([{ kind: 'target', id: failed[0]!.targetId, health: 'failing', label: 'pg-03' }]);

    // A second slot: retention (keep the last 1) runs per volume, never across volumes.
    vi.setSystemTime(new Date(Date.now() + 60_000));
    await call('rules:runNow', { id: rule.id });
    await drain(h.core);
    const members = h.core.repos.rules.targets.members(rule.id);
    for (const targetId of members) {
      const kept = h.core.repos.snapshots.listAvailableByRule(rule.id, targetId);
      const name = h.core.repos.targets.get(targetId)!.name;
      expect(kept.length, name).toBe(name === 'pg-03' ? 0 : 1);
    }
    expect([...fake.state.snapshots.values()].filter((s) => s.resourceType === 'volume')).toHaveLength(9);
  });

  it('a refresh adds a new matching volume (told in Activity) and lets a volume that stops matching go, keeping its snapshots', async () => {
    const rule = await createSelectorRule();
    await call('rules:runNow', { id: rule.id });
    await drain(h.core);
    expect(h.core.repos.snapshots.listByRule(rule.id)).toHaveLength(10);

    fake.addVolume({ name: 'pg-13', region: 'fra1', sizeGb: 10, tags: ['db'] });
    const untagged = fake.state.volumes.find((v) => v.name === 'pg-01')!;
    untagged.tags = [];
    await call('targets:refresh');

    const names = h.core.repos.rules.targets.members(rule.id).map((id) => h.core.repos.targets.get(id)!.name);
    expect(names).toContain('pg-13');
    expect(names).not.toContain('pg-01');
    expect(names).toHaveLength(10);
    const activity = h.core.repos.activity.list({ offset: 0, limit: 20 }).items;
    expect(activity.find((a) => a.type === 'rule.targets_joined')?.message).toBe(
      '1 new volume is now protected by "Nightly databases": pg-13. The first snapshot comes at the rule\'s next run.',
    );
    expect(activity.find((a) => a.type === 'rule.targets_left')?.message).toContain('pg-01');

    // pg-01's snapshot is kept and belongs to no rule now; nothing was deleted at the provider.
    const pg01 = h.core.repos.targets.list().find((t) => t.name === 'pg-01')!;
    const kept = h.core.repos.snapshots.listByTarget(pg01.id);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ ruleId: null, status: 'available' });
    expect(fake.state.snapshots.size).toBe(10);

    // The next slot covers the newcomer and not the leaver.
    vi.setSystemTime(new Date(Date.now() + 60_000));
    await call('rules:runNow', { id: rule.id });
    await drain(h.core);
    const [progress] = await call<RuleProgress[]>('rules:progress', { ruleId: rule.id });
    expect(progress!.slot).toMatchObject({ total: 10, done: 10, failed: 0 });
    const pg13 = h.core.repos.targets.list().find((t) => t.name === 'pg-13')!;
    expect(h.core.repos.snapshots.listAvailableByRule(rule.id, pg13.id)).toHaveLength(1);
  });

  it('a volume gone at the provider stays in the rule, shown gone, and gets no new runs', async () => {
    const rule = await createSelectorRule();
    const gone = fake.state.volumes.find((v) => v.name === 'pg-05')!;
    fake.state.volumes.splice(fake.state.volumes.indexOf(gone), 1);
    fake.state.volumesById.delete(gone.id);
    vi.setSystemTime(new Date(Date.now() + 60_000));
    await call('targets:refresh');
    const target = h.core.repos.targets.list().find((t) => t.name === 'pg-05')!;
    expect(target.goneSince).not.toBeNull();
    expect(h.core.repos.rules.targets.members(rule.id)).toContain(target.id);
    await call('rules:runNow', { id: rule.id });
    await drain(h.core);
    const rows = h.core.repos.snapshots.listByRule(rule.id);
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.status === 'available')).toBe(true);
    expect(h.core.repos.rules.get(rule.id)!.attention).toBeNull();
  });
});
