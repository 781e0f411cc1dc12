/**
 * Kill the run at every step boundary, restart a fresh engine on the same
 * database file, and check: exactly one snapshot per slot at the provider,
 * and a complete record (every row final, every provider snapshot recorded).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { Core } from '../../../src/main/core';
import type { ProviderClient, ProviderTarget } from '../../../src/main/providers/types';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes/digitalocean';
import { startHetznerFake, type HetznerFake } from '../../fakes/hetzner';
import { DO_RULE_TAG_PREFIX, OWNER_TAG } from '../../../src/main/providers/ownership';
import { startScalewayFake, type ScalewayFake } from '../../fakes/scaleway';
import { CrashingClient, emulatorClient, type CrashPlan } from './emulators';
import { advanceTo, createHarness, ruleInput, settle, useFakeTime, type Harness } from './harness';

const HOUR = 3_600_000;
const TOKEN = 'crash-test-token';

interface Setup {
  h: Harness;
  target: ProviderTarget;
  targetId: number;
  fake: DigitalOceanFake | HetznerFake | ScalewayFake;
  client: CrashingClient;
  /** Provider snapshots of the target, as the client lists them. */
  listed(): Promise<{ id: string; name: string; managed: boolean }[]>;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  vi.useRealTimers();
});

async function setup(kind: 'do-volume' | 'do-droplet' | 'hetzner-server' | 'scaleway-server'): Promise<Setup> {
  useFakeTime('2024-06-10T00:30:00Z');
  const now = () => Date.now();
  let fake: DigitalOceanFake | HetznerFake | ScalewayFake;
  let real: ProviderClient;
  if (kind === 'scaleway-server') {
    const scw = await startScalewayFake({ token: TOKEN, now, imagePolls: 2 });
    const web = scw.addServer({ name: 'web-1', zone: 'fr-par-1' });
    scw.addVolume({ name: 'web-1-data', zone: 'fr-par-1', serverId: web.id });
    fake = scw;
    real = emulatorClient('scaleway', scw.url, TOKEN);
  } else if (kind === 'hetzner-server') {
    const hz = await startHetznerFake({ token: TOKEN, rateLimits: null, now });
    hz.addServer({ name: 'web-1' });
    fake = hz;
    real = emulatorClient('hetzner', hz.url, TOKEN);
  } else {
    const d = await startDigitalOceanFake({ token: TOKEN, rateLimits: null, now, actionDurationMs: 90_000 });
    if (kind === 'do-volume') {
      const vol = d.addVolume({ name: 'db-data', region: 'fra1' });
      d.addVolumeSnapshot(vol.id, 'before-upgrade'); // manual: must survive
    } else d.addDroplet({ name: 'web-1', region: 'fra1' });
    fake = d;
    real = emulatorClient('digitalocean', d.url, TOKEN);
  }
  cleanup.push(() => fake.close());
  const targets = (await real.listTargets()).filter((t) => t.snapshotable);
  const target = kind === 'scaleway-server' ? targets.find((t) => t.kind === 'server')! : targets[0]!;
  const client = new CrashingClient(real);
  let current: () => CrashingClient | typeof real = () => client;
  const h = createHarness({
    client: () => current(),
    targets: [target],
    provider: kind === 'hetzner-server' ? 'hetzner' : kind === 'scaleway-server' ? 'scaleway' : 'digitalocean',
  });
  cleanup.push(async () => h.dispose());
  // After the "crash", the new process gets a fresh, healthy client.
  (h as Harness & { useHealthy(): void }).useHealthy = () => (current = () => real);
  // ...or none at all, as when the OS key store is still locked at login.
  (h as Harness & { useLockedKeyStore(): void }).useLockedKeyStore = () =>
    (current = () => {
      throw new AppError('secret_storage_unavailable', 'The key store is locked.');
    });
  return { h, target, targetId: h.targetIds[0]!, fake, client, listed: () => real.listSnapshots(target) };
}

async function runUntilIdle(core: Core, ms: number, stop: () => boolean = () => false) {
  await advanceTo(core, Date.now() + ms, stop);
  if (!stop()) await core.engine.whenIdle();
}

/** Three good hourly runs, then the crash during the 4th, then a restart. */
async function crashScenario(
  kind: Parameters<typeof setup>[0],
  plan: CrashPlan | null,
  faults: (s: Setup) => void = () => undefined,
) {
  const s = await setup(kind);
  const { h } = s;
  let core = h.core;
  await core.engine.start();
  const created = await core.dispatch(
    'rules:create',
    ruleInput(s.targetId, {
      schedule: { kind: 'cron', expression: '0 * * * *', timeZone: 'UTC' },
      retention: { keepLast: 2, keepDays: null, gfs: null },
    }),
  );
  expect(created.ok).toBe(true);
  await runUntilIdle(core, 3 * HOUR); // 01:00, 02:00, 03:00
  if (plan) s.client.arm(plan);
  faults(s);
  await runUntilIdle(core, 1 * HOUR + 10 * 60_000, () => s.client.crashed); // the 04:00 run
  if (plan) expect(s.client.crashed, 'the crash point was reached').toBe(true);
  // The process dies: nothing more is written by the old engine.
  core.close();
  (h as Harness & { useHealthy(): void }).useHealthy();
  vi.advanceTimersByTime(5 * 60_000);
  core = h.open();
  await core.engine.start();
  await settle(core);
  await runUntilIdle(core, 30 * 60_000);

  const rows = core.repos.snapshots.listByTarget(s.targetId);
  const listed = await s.listed();
  const ours = listed.filter((p) => p.managed);
  const slots = rows.map((r) => r.slotAt);
  return { s, core, rows, listed, ours, slots };
}

const scenarios: { name: string; plan: CrashPlan | null; reset?: boolean }[] = [
  { name: 'after the intent, before the create request', plan: { method: 'createSnapshot', when: 'before', nth: 1 } },
  { name: 'create accepted, reply lost (process died)', plan: { method: 'createSnapshot', when: 'after', nth: 1 } },
  {
    name: 'connection reset after acceptance, then died before the lookup',
    plan: { method: 'listSnapshots', when: 'before', nth: 1 },
    reset: true,
  },
  { name: 'connection reset after acceptance, no crash', plan: null, reset: true },
  {
    name: 'after the snapshot was recorded, before retention listed',
    plan: { method: 'listSnapshots', when: 'before', nth: 1 },
  },
  { name: 'retention delete accepted, reply lost', plan: { method: 'deleteSnapshot', when: 'after', nth: 1 } },
  { name: 'before the retention delete was sent', plan: { method: 'deleteSnapshot', when: 'before', nth: 1 } },
];

const asyncScenarios: { name: string; plan: CrashPlan }[] = [
  { name: 'while polling a snapshot being created', plan: { method: 'getSnapshot', when: 'before', nth: 1 } },
  { name: 'poll answered, reply lost', plan: { method: 'getSnapshot', when: 'after', nth: 2 } },
];

function expectCompleteRecord(r: Awaited<ReturnType<typeof crashScenario>>) {
  const { rows, ours, slots } = r;
  // One row per slot, all final.
  expect(new Set(slots).size).toBe(slots.length);
  const expected = [];
  for (let t = Date.parse('2024-06-10T01:00:00Z'); t <= Date.now(); t += HOUR) expected.push(new Date(t).toISOString());
  expect(slots.sort()).toEqual(expected);
  expect(rows.filter((x) => ['requested', 'creating', 'deleting'].includes(x.status))).toEqual([]);
  // Exactly one provider snapshot per slot name, never two.
  const names = ours.map((p) => p.name);
  expect(new Set(names).size).toBe(names.length);
  // Every volsnap snapshot at the provider is recorded as available, and vice versa.
  const available = rows.filter((x) => x.status === 'available');
  expect(ours.map((p) => p.id).sort()).toEqual(available.map((x) => x.providerSnapshotId!).sort());
  // Retention kept 2 (the 4th slot either made it or was recorded as failed).
  expect(available.length).toBeGreaterThanOrEqual(2);
  return available;
}

describe('crash at every step boundary, restart on the same database', () => {
  // Scaleway server backups: the image name carries the rule key, so a backup whose
  // reply was lost is found by the lookup even before volsnap could tag it.
  const resetRoutes = {
    'do-volume': 'POST /v2/volumes/:volume_id/snapshots',
    'hetzner-server': 'POST /v1/servers/:id/actions/create_image',
    'scaleway-server': 'POST /instance/v1/zones/:zone/servers/:id/action',
  };
  for (const kind of ['do-volume', 'hetzner-server', 'scaleway-server'] as const) {
    for (const sc of scenarios) {
      it(`${kind}: ${sc.name}`, async () => {
        const r = await crashScenario(kind, sc.plan, (s) => {
          if (!sc.reset) return;
          const route = resetRoutes[kind];
          s.fake.faults.resetAfterAccept = { count: 1, route };
        });
        const available = expectCompleteRecord(r);
        // The 04:00 slot's snapshot exists exactly once (it was made, or adopted after the restart).
        const slot4 = r.rows.find((x) => x.slotAt === '2024-06-10T04:00:00.000Z')!;
        expect(slot4.status === 'available' || slot4.status === 'deleted').toBe(true);
        expect(available.length).toBe(2);
        if (kind === 'do-volume') expect(r.listed.map((p) => p.name)).toContain('before-upgrade');
        if (kind === 'scaleway-server') {
          // Retention deleted each old image's volume snapshots too: none is left without its image.
          const scw = r.s.fake as ScalewayFake;
          const used = new Set([...scw.instance.images.values()].flatMap((i) => i.volumes.map((v) => v.snapshotId)));
          const left = [...scw.state.snapshots.keys(), ...scw.instance.instanceSnapshots.keys()];
          expect(left.filter((id) => !used.has(id))).toEqual([]);
          expect(used.size).toBe(2 * scw.instance.images.size);
        }
        if (sc.reset) expect(r.s.fake.stats.resets).toBe(1);
      });
    }
  }
  // A Droplet image carries no tags until volsnap tags it, so an image whose create
  // reply was lost is invisible to the lookup: the retried create must adopt it.
  // "Reset after acceptance, no crash" used to race (the retry listed the Droplet
  // just before the lost action finished and sent a second create); the retry now
  // waits until the first create can no longer land, so that scenario is covered too.
  for (const sc of scenarios.slice(1, 4)) {
    it(`do-droplet: ${sc.name}`, async () => {
      const r = await crashScenario('do-droplet', sc.plan, (s) => {
        if (sc.reset) s.fake.faults.resetAfterAccept = { count: 1, route: 'POST /v2/droplets/:droplet_id/actions' };
      });
      const available = expectCompleteRecord(r);
      // No untagged leftover: every image at the provider is volsnap's, one per name.
      const names = r.listed.map((p) => p.name);
      expect(new Set(names).size).toBe(names.length);
      expect(r.listed.filter((p) => !p.managed)).toEqual([]);
      const slot4 = r.rows.find((x) => x.slotAt === '2024-06-10T04:00:00.000Z')!;
      expect(slot4.status === 'available' || slot4.status === 'deleted').toBe(true);
      expect(available.length).toBe(2);
      if (sc.reset) expect(r.s.fake.stats.resets).toBe(1);
    });
  }
  for (const sc of asyncScenarios) {
    it(`do-droplet: ${sc.name}`, async () => {
      const r = await crashScenario('do-droplet', sc.plan);
      expectCompleteRecord(r);
      expect(r.rows.find((x) => x.slotAt === '2024-06-10T04:00:00.000Z')!.status).not.toBe('error');
    });
  }
});

describe('restart while the provider cannot be asked', () => {
  it('keeps an unfinished row pending (no lost record) until the client is back, then adopts the snapshot', async () => {
    const s = await setup('do-volume');
    const { h } = s;
    let core = h.core;
    await core.engine.start();
    const created = await core.dispatch(
      'rules:create',
      ruleInput(s.targetId, {
        schedule: { kind: 'cron', expression: '0 * * * *', timeZone: 'UTC' },
        retention: { keepLast: 2, keepDays: null, gfs: null },
      }),
    );
    expect(created.ok).toBe(true);
    s.client.arm({ method: 'createSnapshot', when: 'after', nth: 1 });
    await runUntilIdle(core, 1 * HOUR + 10 * 60_000, () => s.client.crashed); // 01:00: accepted, reply lost, process dies
    expect(s.client.crashed).toBe(true);
    core.close();

    (h as Harness & { useLockedKeyStore(): void }).useLockedKeyStore();
    core = h.open();
    await core.engine.start();
    await settle(core);
    const pending = core.repos.snapshots.listByTarget(s.targetId);
    expect(pending.map((r) => r.status)).toEqual(['requested']);
    expect(core.repos.rules.list()[0]!.attention).toMatch(
      /could not check snapshot .* will check again at the next start/,
    );
    core.close();

    (h as Harness & { useHealthy(): void }).useHealthy();
    core = h.open();
    await core.engine.start();
    await settle(core);
    await core.engine.whenIdle();
    const rows = core.repos.snapshots.listByTarget(s.targetId);
    const ours = (await s.listed()).filter((p) => p.managed);
    expect(rows.map((r) => r.status)).toEqual(['available']);
    expect(ours.map((p) => p.id)).toEqual([rows[0]!.providerSnapshotId]);
    core.close();
  });
});

describe('late and interrupted work after a crash', () => {
  async function hourlyRule(s: Setup, keepLast: number) {
    const created = await s.h.core.dispatch(
      'rules:create',
      ruleInput(s.targetId, {
        schedule: { kind: 'cron', expression: '0 * * * *', timeZone: 'UTC' },
        retention: { keepLast, keepDays: null, gfs: null },
      }),
    );
    expect(created.ok).toBe(true);
    return (created as { ok: true; value: { id: number } }).value.id;
  }

  it('a create the provider carries out after the restart looked is adopted, never made twice', async () => {
    const s = await setup('do-volume');
    const { h } = s;
    let core = h.core;
    await core.engine.start();
    const ruleId = await hourlyRule(s, 2);
    await runUntilIdle(core, 3 * HOUR); // 01:00, 02:00, 03:00
    s.client.arm({ method: 'createSnapshot', when: 'before', nth: 1 });
    await runUntilIdle(core, 1 * HOUR, () => s.client.crashed); // 04:00: the create is on its way when the process dies
    expect(s.client.crashed).toBe(true);
    const slotRow = core.repos.snapshots.listByTarget(s.targetId).find((r) => r.status === 'requested')!;
    const key = core.engine.ruleKey(ruleId);
    core.close();
    (h as Harness & { useHealthy(): void }).useHealthy();
    vi.advanceTimersByTime(20_000);
    core = h.open();
    await core.engine.start();
    await settle(core);
    // The provider acts on the lost create only now, after the restart's look found nothing.
    await advanceTo(core, Date.now() + 40_000);
    const fake = s.fake as DigitalOceanFake;
    fake.addVolumeSnapshot(s.target.providerId, slotRow.name, [OWNER_TAG, DO_RULE_TAG_PREFIX + key]);
    await runUntilIdle(core, 30 * 60_000);

    const ours = (await s.listed()).filter((p) => p.managed);
    const names = ours.map((p) => p.name);
    expect(names.filter((n) => n === slotRow.name)).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    const rows = core.repos.snapshots.listByTarget(s.targetId);
    expect(rows.find((r) => r.id === slotRow.id)!.status).toBe('available');
    const available = rows.filter((r) => r.status === 'available');
    expect(ours.map((p) => p.id).sort()).toEqual(available.map((r) => r.providerSnapshotId!).sort());
    core.close();
  });

  it('retention stopped halfway through its deletions finishes at the next start, not a slot later', async () => {
    const s = await setup('do-volume');
    const { h } = s;
    let core = h.core;
    await core.engine.start();
    const ruleId = await hourlyRule(s, 5);
    await runUntilIdle(core, 5 * HOUR); // 01:00 ... 05:00: five kept
    const rule = core.repos.rules.get(ruleId)!;
    const updated = await core.dispatch('rules:update', {
      id: ruleId,
      targetId: rule.targetId,
      name: rule.name,
      schedule: rule.schedule,
      retention: { keepLast: 1, keepDays: null, gfs: null },
      nameTemplate: rule.nameTemplate,
      enabled: true,
      catchUp: rule.catchUp,
    });
    expect(updated.ok).toBe(true);
    // 06:00: the snapshot is made, retention deletes one old snapshot, then the process dies on the second.
    s.client.arm({ method: 'deleteSnapshot', when: 'before', nth: 2 });
    await runUntilIdle(core, 1 * HOUR, () => s.client.crashed);
    expect(s.client.crashed).toBe(true);
    core.close();
    (h as Harness & { useHealthy(): void }).useHealthy();
    vi.advanceTimersByTime(60_000);
    core = h.open();
    await core.engine.start();
    await settle(core);
    await core.engine.whenIdle();
    // Well before 07:00, the rule is back within its policy.
    expect(new Date(Date.now()).toISOString() < '2024-06-10T06:30:00.000Z').toBe(true);
    const available = core.repos.snapshots.listByTarget(s.targetId).filter((r) => r.status === 'available');
    expect(available).toHaveLength(1);
    const ours = (await s.listed()).filter((p) => p.managed);
    expect(ours.map((p) => p.id)).toEqual([available[0]!.providerSnapshotId]);
    expect((await s.listed()).map((p) => p.name)).toContain('before-upgrade');
    core.close();
  });
});
