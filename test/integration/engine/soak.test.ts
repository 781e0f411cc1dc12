/**
 * Soak: several rules on three clouds' emulators (through the real clients)
 * for many simulated days, with injected 5xx, 429 storms, latency and
 * connection resets after acceptance. At the end every slot is accounted for
 * (a snapshot or a recorded failure), there are no duplicates, and nothing
 * volsnap did not make (or another rule made) was deleted. Prints the figures.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { nextRunsAfter } from '../../../src/main/domain/schedule';
import type { ProviderClient, ProviderTarget } from '../../../src/main/providers/types';
import type { Rule, RuleInput } from '../../../src/shared/domain';
import { startDigitalOceanFake } from '../../fakes/digitalocean';
import { startHetznerFake } from '../../fakes/hetzner';
import type { FakeHttpServer } from '../../fakes/http-fake';
import { startScalewayFake } from '../../fakes/scaleway';
import { emulatorClient } from './emulators';
import { advanceTo, createHarness, drain, ruleInput, useFakeTime, type Harness } from './harness';

const DAY = 86_400_000;
const DAYS = Number(process.env.SOAK_DAYS ?? 14);
const TOKEN = 'soak-token';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  vi.useRealTimers();
});

it(`runs ${DAYS} simulated days against the emulators with faults: every slot accounted for, no duplicates, no foreign deletions`, async () => {
  const started = performance.now();
  useFakeTime('2024-03-01T00:10:00Z'); // spans the March DST change in Berlin and New York
  const now = () => Date.now();
  const faults = { errorRates: { 500: 0.02, 502: 0.02, 503: 0.03 }, latencyMs: Number(process.env.SOAK_LATENCY ?? 10) };
  const dbg = (m: string) => process.env.SOAK_DEBUG && process.stderr.write(m + '\n');
  const doFake = await startDigitalOceanFake({
    token: TOKEN,
    rateLimits: null,
    now,
    actionDurationMs: 120_000,
    seed: 1,
  });
  const scwFake = await startScalewayFake({ token: TOKEN, now, seed: 2 });
  const hzFake = await startHetznerFake({ token: TOKEN, rateLimits: null, now, seed: 3 });
  const fakes: [FakeHttpServer, string][] = [
    [doFake, 'POST /v2/volumes/:volume_id/snapshots'],
    [scwFake, 'POST /block/v1/zones/:zone/snapshots'],
    [hzFake, 'POST /v1/servers/:id/actions/create_image'],
  ];
  cleanup.push(() => Promise.all(fakes.map(([f]) => f.close())).then(() => undefined));

  const vol = doFake.addVolume({ name: 'db-data', region: 'fra1', sizeGb: 50 });
  doFake.addVolumeSnapshot(vol.id, 'before-upgrade'); // manual
  doFake.addVolumeSnapshot(vol.id, 'volsnap-lookalike'); // volsnap-looking name, no tag: not ours
  doFake.addDroplet({ name: 'web-1', region: 'fra1' });
  const scwVol = scwFake.addVolume({ name: 'media', zone: 'fr-par-1' });
  scwFake.addSnapshot(scwVol.id, 'manual-media');
  hzFake.addServer({ name: 'app-1' });

  const clients: Record<string, ProviderClient> = {
    digitalocean: emulatorClient('digitalocean', doFake.url, TOKEN),
    scaleway: emulatorClient('scaleway', scwFake.url, TOKEN),
    hetzner: emulatorClient('hetzner', hzFake.url, TOKEN),
  };
  const byAccount = new Map<number, ProviderClient>();
  const targetsOf = async (kind: string) => (await clients[kind]!.listTargets()).filter((t) => t.snapshotable);
  const doTargets = await targetsOf('digitalocean');
  const h: Harness = createHarness({
    client: (id) => byAccount.get(id)!,
    targets: doTargets,
    settings: { concurrency: { global: 3, perAccount: 2 } },
  });
  cleanup.push(() => h.dispose());
  byAccount.set(h.accountId, clients.digitalocean!);
  const scw = h.addAccount('scaleway', await targetsOf('scaleway'));
  byAccount.set(scw.accountId, clients.scaleway!);
  const hz = h.addAccount('hetzner', await targetsOf('hetzner'));
  byAccount.set(hz.accountId, clients.hetzner!);

  const { core } = h;
  const targetId = (name: string) => core.repos.targets.list().find((t) => t.name === name)!.id;
  const rules: RuleInput[] = [
    ruleInput(targetId('db-data'), {
      name: 'Hourly',
      schedule: { kind: 'cron', expression: '0 * * * *', timeZone: 'Europe/Berlin' },
      retention: { keepLast: 12, keepDays: null, gfs: null },
    }),
    ruleInput(targetId('db-data'), {
      name: 'Six-hourly',
      schedule: { kind: 'interval', every: 6, unit: 'hours', anchor: '2024-03-01T00:00:00Z', timeZone: 'UTC' },
      retention: { keepLast: null, keepDays: 2, gfs: null },
    }),
    ruleInput(targetId('web-1'), {
      name: 'Nightly droplet',
      schedule: { kind: 'daily', time: '02:30', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'America/New_York' },
      retention: { keepLast: 5, keepDays: null, gfs: null },
    }),
    ruleInput(targetId('media'), {
      name: 'Media',
      schedule: { kind: 'interval', every: 4, unit: 'hours', anchor: '2024-03-01T01:00:00Z', timeZone: 'Europe/Paris' },
      retention: { keepLast: 6, keepDays: null, gfs: null },
    }),
    ruleInput(targetId('app-1'), {
      name: 'App GFS',
      schedule: { kind: 'cron', expression: '15 3,15 * * *', timeZone: 'Europe/Berlin' },
      retention: { keepLast: null, keepDays: null, gfs: { daily: 7, weekly: 4, monthly: 3 } },
    }),
  ];
  await core.engine.start();
  const created: Rule[] = [];
  for (const input of rules) {
    const r = await core.dispatch('rules:create', input);
    if (!r.ok) throw new Error(r.error.message);
    created.push(r.value as Rule);
  }
  const manualBefore = { do: doFake.snapshotsOf(vol.id).filter((s) => !s.tags.includes('volsnap')).length, scw: 1 };

  // Faults start once setup is done (setup's own calls are not tracked by the engine).
  for (const [fake] of fakes) Object.assign(fake.faults, faults);
  const begin = Date.now();
  for (let day = 0; day < DAYS; day++) {
    // New trouble every day: resets after acceptance and a short 429 storm.
    for (const [fake, route] of fakes) {
      fake.faults.resetAfterAccept = { count: 1, route };
      if (day % 3 === 0) fake.faults.rateLimitStorm = 3;
    }
    await advanceTo(core, begin + (day + 1) * DAY);
    dbg(`day ${day} at ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const end = Date.now();
  // Let the last runs finish, without starting new slots.
  for (const rule of created) await core.dispatch('rules:setEnabled', { id: rule.id, enabled: false });
  await drain(core);
  // The accounting below talks to the emulators directly: no more faults.
  for (const [fake] of fakes)
    Object.assign(fake.faults, { errorRates: {}, latencyMs: 0, resetAfterAccept: { count: 0 }, rateLimitStorm: 0 });

  // ---- accounting ----
  let slots = 0;
  let snapshots = 0;
  let failed = 0;
  let unaccounted = 0;
  let duplicates = 0;
  let retentionDeleted = 0;
  for (const rule of created) {
    const expected = nextRunsAfter(rule.schedule, new Date(rule.createdAt), 5000)
      .filter((d) => d.getTime() <= end)
      .map((d) => d.toISOString());
    const rows = core.repos.snapshots.listByRule(rule.id);
    const bySlot = new Map<string, number>();
    for (const r of rows) bySlot.set(r.slotAt!, (bySlot.get(r.slotAt!) ?? 0) + 1);
    for (const slot of expected) {
      slots += 1;
      const row = rows.find((r) => r.slotAt === slot);
      if (!row || !['available', 'deleted', 'error'].includes(row.status)) unaccounted += 1;
      else if (row.status === 'error') failed += 1;
      else snapshots += 1;
      if ((bySlot.get(slot) ?? 0) > 1) duplicates += 1;
    }
    retentionDeleted += rows.filter((r) => r.status === 'deleted').length;
  }
  // Provider side: every volsnap snapshot is recorded once as available; names never repeat.
  const providerOurs: string[] = [];
  const recordedAvailable: string[] = [];
  for (const target of core.repos.targets.list()) {
    const client = byAccount.get(target.accountId)!;
    const listed = await client.listSnapshots({ ...target } as ProviderTarget);
    const ours = listed.filter((s) => s.managed);
    providerOurs.push(...ours.map((s) => `${target.id}:${s.id}`));
    // Two rules on one volume may share a name at a common slot; a duplicate is the same rule's name twice.
    const names = ours.map((s) => `${s.ruleKey}/${s.name}`);
    duplicates += names.length - new Set(names).size;
    if (names.length !== new Set(names).size)
      dbg(
        `duplicate names on ${target.name}: ${JSON.stringify(ours.filter((s) => names.indexOf(`${s.ruleKey}/${s.name}`) !== names.lastIndexOf(`${s.ruleKey}/${s.name}`)))}`,
      );
    recordedAvailable.push(
      ...core.repos.snapshots
        .listByTarget(target.id)
        .filter((r) => r.status === 'available')
        .map((r) => `${target.id}:${r.providerSnapshotId}`),
    );
  }
  const manualAfter = {
    do: doFake.snapshotsOf(vol.id).filter((s) => !s.tags.includes('volsnap')).length,
    scw: scwFake.state.snapshots
      ? [...scwFake.state.snapshots.values()].filter((s: { name: string }) => s.name === 'manual-media').length
      : 1,
  };
  const foreignDeleted = manualBefore.do - manualAfter.do + (manualBefore.scw - manualAfter.scw);
  const faultsSent = fakes.reduce(
    (acc, [f]) => ({
      e5xx: acc.e5xx + f.stats.injectedErrors,
      r429: acc.r429 + f.stats.rateLimited,
      resets: acc.resets + f.stats.resets,
    }),
    { e5xx: 0, r429: 0, resets: 0 },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `soak: ${DAYS} days, ${created.length} rules on 3 emulators | slots ${slots}: ${snapshots} snapshots + ${failed} recorded failures, ${unaccounted} unaccounted | duplicates ${duplicates} | non-volsnap deletions ${foreignDeleted} | retention deletions ${retentionDeleted} | faults: ${faultsSent.e5xx} 5xx, ${faultsSent.r429} 429, ${faultsSent.resets} resets | ${seconds} s`,
  );

  expect(slots).toBeGreaterThan(DAYS * 30);
  expect(unaccounted).toBe(0);
  expect(duplicates).toBe(0);
  expect(foreignDeleted).toBe(0);
  expect(providerOurs.sort()).toEqual(recordedAvailable.sort());
  expect(faultsSent.e5xx).toBeGreaterThan(0);
  expect(faultsSent.resets).toBeGreaterThan(0);
  expect(faultsSent.r429).toBeGreaterThan(0);
  expect(core.repos.snapshots.listPending()).toEqual([]);
  // Retention held: the hourly rule keeps exactly its last 12.
  expect(core.repos.snapshots.listAvailableByRule(created[0]!.id)).toHaveLength(12);
}, 120_000);
