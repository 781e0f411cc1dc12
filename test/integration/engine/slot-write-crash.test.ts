/**
 * A large slot is written in parts (the first rows at once, the rest on later
 * turns of the event loop) so the first creates do not wait for every row.
 * Crash safety at the boundary between the parts: after the first part's
 * transaction, the database holds those rows and the rule's next run is
 * unmoved; a process that dies there and starts again on the same database
 * completes the slot: one row and one snapshot per volume, none twice.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/shared/errors';
import type { Rule } from '../../../src/shared/domain';
import { firstSlotRows } from '../../../src/main/engine/due-runs';
import type { DigitalOceanFake } from '../../fakes/digitalocean';
import { digitalOceanOnFakeTime, type CrashingClient } from './emulators';
import { createHarness, drain, ruleInput, useFakeTime, type Harness } from './harness';

const VOLUMES = 20;
let h: Harness;
let fake: DigitalOceanFake;
let client: CrashingClient;

beforeEach(async () => {
  useFakeTime('2024-06-10T12:00:00Z');
  const emulator = await digitalOceanOnFakeTime(0);
  fake = emulator.fake;
  client = emulator.client;
  for (let i = 1; i <= VOLUMES; i++) fake.addVolume({ name: `vol-${i}`, region: 'fra1', sizeGb: 10, tags: ['db'] });
  h = createHarness({ client: () => client, targets: await client.listTargets() });
});
afterEach(async () => {
  h.dispose();
  await fake.close();
  vi.useRealTimers();
});

async function selectorRule(): Promise<Rule> {
  const answer = (await h.core.dispatch('rules:create', {
    ...ruleInput(0, { name: 'All databases' }),
    targetId: undefined,
    selection: {
      mode: 'selector',
      selector: {
        accountIds: [],
        providers: [],
        regions: [],
        kinds: [],
        tagsInclude: ['db'],
        tagsExclude: [],
        namePattern: '',
      },
    },
  })) as Envelope<Rule>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('a large slot written in parts', () => {
  it('a crash after the first part loses nothing: the next start writes the rest, one snapshot per volume', async () => {
    const rule = await selectorRule();
    await h.core.engine.start();
    const slotAt = h.core.repos.rules.get(rule.id)!.nextRunAt!;
    vi.setSystemTime(new Date(Date.parse(slotAt) + 1_000));

    // The slot comes (what the alarm does), and the process dies before the next turn of the event loop.
    (h.core.engine as unknown as { due: { startAllDue(now: Date): void } }).due.startAllDue(new Date());
    const written = h.core.repos.snapshots.listByRule(rule.id);
    expect(written).toHaveLength(firstSlotRows);
    expect(h.core.repos.rules.get(rule.id)!.nextRunAt, 'the next run moves only with the last part').toBe(slotAt);
    h.core.close();

    const restarted = h.open();
    await restarted.engine.start();
    await drain(restarted);
    const rows = restarted.repos.snapshots.listByRule(rule.id);
    expect(rows).toHaveLength(VOLUMES);
    expect(new Set(rows.map((r) => r.targetId)).size).toBe(VOLUMES);
    expect(new Set(rows.map((r) => r.slotAt))).toEqual(new Set([slotAt]));
    expect(rows.every((r) => r.status === 'available')).toBe(true);
    const made = [...fake.state.snapshots.values()].filter((s) => s.resourceType === 'volume');
    expect(made).toHaveLength(VOLUMES);
    expect(Date.parse(restarted.repos.rules.get(rule.id)!.nextRunAt!)).toBeGreaterThan(Date.parse(slotAt));
  });

  it('without a crash the whole slot runs and the next run moves once the last part is written', async () => {
    const rule = await selectorRule();
    await h.core.engine.start();
    const slotAt = h.core.repos.rules.get(rule.id)!.nextRunAt!;
    vi.setSystemTime(new Date(Date.parse(slotAt) + 1_000));
    (h.core.engine as unknown as { due: { startAllDue(now: Date): void } }).due.startAllDue(new Date());
    // Started again before the rest is written (a second alarm): the rule is not started twice.
    (h.core.engine as unknown as { due: { startAllDue(now: Date): void } }).due.startAllDue(new Date());
    await drain(h.core);
    const rows = h.core.repos.snapshots.listByRule(rule.id);
    expect(rows).toHaveLength(VOLUMES);
    expect(rows.every((r) => r.status === 'available')).toBe(true);
    expect([...fake.state.snapshots.values()].filter((s) => s.resourceType === 'volume')).toHaveLength(VOLUMES);
    expect(Date.parse(h.core.repos.rules.get(rule.id)!.nextRunAt!)).toBeGreaterThan(Date.parse(slotAt));
  });
});
