/**
 * The real engine with the real Google Cloud client against the Compute Engine
 * emulator, on fake time: scheduled runs through operation polling, retention
 * that deletes only this rule's snapshots, operation failures as run failures,
 * and a crash at every step boundary followed by a restart on the same
 * database (one snapshot per slot, a complete record, nothing leaked).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src/main/core';
import type { ProviderTarget } from '../../../src/main/providers/types';
import { GCP_CREATE_ROUTE, startGcpFake, type GcpFake } from '../../fakes/gcp';
import { CrashingClient, emulatorClient, type CrashPlan } from './emulators';
import { advanceTo, createHarness, ruleInput, settle, useFakeTime, type Harness } from './harness';

const HOUR = 3_600_000;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  vi.useRealTimers();
});

interface Setup {
  h: Harness;
  fake: GcpFake;
  target: ProviderTarget;
  targetId: number;
  client: CrashingClient;
  useHealthy(): void;
}

async function setup(): Promise<Setup> {
  useFakeTime('2024-06-10T00:30:00Z');
  // Operations take 90 s and the upload 45 s more, as a small disk does on Google.
  const fake = await startGcpFake({ now: () => Date.now(), operationDurationMs: 90_000 });
  cleanup.push(() => fake.close());
  fake.addDisk({ name: 'db-data', zone: 'europe-west1-b', sizeGb: 20 });
  fake.addDisk({ name: 'db-data', zone: 'us-central1-a', sizeGb: 20 });
  const real = emulatorClient('gcp', fake.url, fake.keyFile());
  const target = (await real.listTargets()).find((t) => t.region === 'europe-west1-b')!;
  // Not volsnap's, or another rule's: retention must leave all of these alone.
  fake.addSnapshot({ name: 'volsnap-before-upgrade', diskKey: 'europe-west1-b/db-data' });
  fake.addSnapshot({
    name: 'volsnap-other-rule-1',
    diskKey: 'europe-west1-b/db-data',
    labels: { managed_by: 'volsnap', volsnap_rule: 'r99-feedbeef' },
    description: 'volsnap snapshot: volsnap-other-rule-1',
  });
  const client = new CrashingClient(real);
  let current: () => CrashingClient | typeof real = () => client;
  const h = createHarness({ client: () => current(), targets: [target], provider: 'gcp' });
  cleanup.push(async () => h.dispose());
  return { h, fake, target, targetId: h.targetIds[0]!, client, useHealthy: () => (current = () => real) };
}

async function runUntilIdle(core: Core, ms: number, stop: () => boolean = () => false) {
  await advanceTo(core, Date.now() + ms, stop);
  if (!stop()) await core.engine.whenIdle();
}

async function hourlyRule(s: Setup, core: Core) {
  const created = await core.dispatch(
    'rules:create',
    ruleInput(s.targetId, {
      schedule: { kind: 'cron', expression: '0 * * * *', timeZone: 'UTC' },
      retention: { keepLast: 2, keepDays: null, gfs: null },
    }),
  );
  expect(created.ok).toBe(true);
}

/** Snapshots at the emulator: ours for this disk (by label and source), and the others that must survive. */
function atProvider(fake: GcpFake) {
  fake.res.tick(); // time has passed since the last request: accepted deletions are done
  const all = [...fake.res.snapshots.values()];
  const ours = all.filter((x) => x.labels['managed_by'] === 'volsnap' && x.labels['volsnap_rule'] !== 'r99-feedbeef');
  return { all, ours, names: all.map((x) => x.name) };
}

describe('Google Cloud disks through the engine', () => {
  it('hourly runs poll operations to READY and retention keeps the last 2, touching nothing else', async () => {
    const s = await setup();
    const core = s.h.core;
    await core.engine.start();
    await hourlyRule(s, core);
    await runUntilIdle(core, 4 * HOUR + 10 * 60_000); // 01:00 .. 04:00
    const rows = core.repos.snapshots.listByTarget(s.targetId);
    expect(rows.map((r) => r.status).sort()).toEqual(['available', 'available', 'deleted', 'deleted']);
    const { ours, names } = atProvider(s.fake);
    expect(ours.map((x) => x.name).sort()).toEqual(
      rows
        .filter((r) => r.status === 'available')
        .map((r) => r.providerSnapshotId)
        .sort(),
    );
    expect(ours.every((x) => x.status === 'READY')).toBe(true);
    expect(names).toContain('volsnap-before-upgrade');
    expect(names).toContain('volsnap-other-rule-1');
    // Operations were followed: every create went through zoneOperations.get.
    expect(s.fake.stats.byRoute['GET /compute/v1/projects/:project/zones/:zone/operations/:operation']).toBeGreaterThan(
      3,
    );
  });

  it('an operation that fails is the run failure; the next slot succeeds', async () => {
    const s = await setup();
    const core = s.h.core;
    await core.engine.start();
    await hourlyRule(s, core);
    s.fake.failNextOperations = [{ code: 'QUOTA_EXCEEDED', message: "Quota 'SNAPSHOTS' exceeded.", when: 'on-poll' }];
    s.fake.failNextSnapshots = 0;
    await runUntilIdle(core, 1 * HOUR); // 01:00 fails
    s.fake.failNextSnapshots = 1;
    await runUntilIdle(core, 1 * HOUR); // 02:00: operation DONE, snapshot FAILED
    await runUntilIdle(core, 1 * HOUR); // 03:00 succeeds
    const rows = core.repos.snapshots
      .listByTarget(s.targetId)
      .sort((a, b) => ((a.slotAt ?? '') < (b.slotAt ?? '') ? -1 : 1));
    expect(rows.map((r) => r.status)).toEqual(['error', 'error', 'available']);
    expect(rows[0]!.error).toMatch(/QUOTA_EXCEEDED/);
    expect(rows[1]!.error).toMatch(/FAILED/);
  });
});

const scenarios: { name: string; plan: CrashPlan | null; reset?: boolean }[] = [
  { name: 'after the intent, before the create request', plan: { method: 'createSnapshot', when: 'before', nth: 1 } },
  { name: 'create accepted, reply lost (process died)', plan: { method: 'createSnapshot', when: 'after', nth: 1 } },
  { name: 'connection reset after acceptance, no crash', plan: null, reset: true },
  {
    name: 'connection reset after acceptance, then died before the lookup',
    plan: { method: 'listSnapshots', when: 'before', nth: 1 },
    reset: true,
  },
  { name: 'while polling the operation', plan: { method: 'getSnapshot', when: 'before', nth: 1 } },
  { name: 'poll answered, reply lost', plan: { method: 'getSnapshot', when: 'after', nth: 2 } },
  { name: 'retention delete accepted, reply lost', plan: { method: 'deleteSnapshot', when: 'after', nth: 1 } },
  { name: 'before the retention delete was sent', plan: { method: 'deleteSnapshot', when: 'before', nth: 1 } },
];

describe('Google Cloud: crash at every step boundary, restart on the same database', () => {
  for (const sc of scenarios) {
    it(sc.name, async () => {
      const s = await setup();
      let core = s.h.core;
      await core.engine.start();
      await hourlyRule(s, core);
      await runUntilIdle(core, 3 * HOUR); // 01:00, 02:00, 03:00
      if (sc.plan) s.client.arm(sc.plan);
      if (sc.reset) s.fake.faults.resetAfterAccept = { count: 1, route: GCP_CREATE_ROUTE };
      await runUntilIdle(core, 1 * HOUR + 10 * 60_000, () => s.client.crashed); // the 04:00 run
      if (sc.plan) expect(s.client.crashed, 'the crash point was reached').toBe(true);
      core.close();
      s.useHealthy();
      vi.advanceTimersByTime(5 * 60_000);
      core = s.h.open();
      await core.engine.start();
      await settle(core);
      await runUntilIdle(core, 30 * 60_000);

      const rows = core.repos.snapshots.listByTarget(s.targetId);
      const slots = rows.map((r) => r.slotAt).sort();
      const expected = [];
      for (let t = Date.parse('2024-06-10T01:00:00Z'); t <= Date.now(); t += HOUR)
        expected.push(new Date(t).toISOString());
      expect(slots).toEqual(expected);
      expect(rows.filter((r) => ['requested', 'creating', 'deleting'].includes(r.status))).toEqual([]);
      const available = rows.filter((r) => r.status === 'available');
      expect(available).toHaveLength(2);
      // One snapshot per slot at Google, every one of ours recorded, nothing else touched.
      const { ours, names } = atProvider(s.fake);
      expect(ours.map((x) => x.name).sort()).toEqual(available.map((r) => r.providerSnapshotId!).sort());
      expect(new Set(ours.map((x) => x.description)).size).toBe(ours.length);
      expect(names).toContain('volsnap-before-upgrade');
      expect(names).toContain('volsnap-other-rule-1');
      const slot4 = rows.find((r) => r.slotAt === '2024-06-10T04:00:00.000Z')!;
      expect(['available', 'deleted']).toContain(slot4.status);
      if (sc.reset) expect(s.fake.stats.resets).toBe(1);
      core.close();
    });
  }
});
