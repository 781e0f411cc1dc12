/**
 * The real engine (SQLite, schedule, run pipeline, retention) with the real AWS
 * client, against moto behind the fault-injecting proxy, on fake time. moto
 * answers over real loopback I/O that takes real milliseconds, so time moves
 * only once no provider call is in flight (`advance` below), and the client's
 * request timeout is set far beyond any jump.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src/main/core';
import { RequestBudget } from '../../../src/main/providers/http/budget';
import type { ProviderTarget } from '../../../src/main/providers/types';
import { startAwsProxy, type AwsProxy, type AwsProxyKnobs } from '../../fakes/aws-ec2-proxy';
import { useMoto } from '../../support/moto';
import { awsClient, creds, motoSnapshots, seedSnapshot, seedVolume } from '../providers/aws-helpers';
import { CrashingClient, type CrashPlan } from './emulators';
import { createHarness, ruleInput, useFakeTime, type Harness } from './harness';

const HOUR = 3_600_000;
const REGION = 'eu-west-1';
const m = useMoto();

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  vi.useRealTimers();
});

/** Real I/O until no provider call is in flight (or `stop`), up to 5 s of real time. */
async function quiet(core: Core, stop: () => boolean): Promise<void> {
  const started = performance.now();
  for (let idle = 0; idle < 5 && performance.now() - started < 5_000 && !stop();) {
    await new Promise((r) => setImmediate(r));
    idle = core.engine.providerCallsInFlight === 0 ? idle + 1 : 0;
  }
}

/** Moves fake time to `until`, one timer at a time, never while a request to moto is in flight. */
async function advance(core: Core, ms: number, stop: () => boolean = () => false): Promise<void> {
  const until = Date.now() + ms;
  const sentinel = setTimeout(() => undefined, ms);
  try {
    for (;;) {
      await quiet(core, stop);
      if (Date.now() >= until || stop()) return;
      await vi.advanceTimersToNextTimerAsync();
    }
  } finally {
    clearTimeout(sentinel);
  }
}

interface Setup {
  h: Harness;
  proxy: AwsProxy;
  volumeId: string;
  target: ProviderTarget;
  client: CrashingClient;
  useHealthy(): void;
}

async function setup(knobs: Partial<AwsProxyKnobs>): Promise<Setup> {
  useFakeTime('2024-06-10T00:30:00Z');
  const proxy = await startAwsProxy(m.moto.url, { pendingPolls: 1, ...knobs });
  cleanup.push(() => proxy.close());
  const volumeId = await seedVolume(m.moto.url, REGION, 20, [{ Key: 'Name', Value: 'db-data' }]);
  // A manual snapshot named like volsnap's: retention must never touch it.
  await seedSnapshot(m.moto.url, REGION, volumeId, [{ Key: 'Name', Value: 'volsnap-db-data-manual' }]);
  const real = awsClient(proxy.url, creds({ regions: [REGION] }), {
    budget: new RequestBudget({ limits: [], headroom: 1 }),
    retry: { baseDelayMs: 200, maxDelayMs: 2_000, maxAttempts: 3 },
    timeoutMs: 30 * 24 * HOUR,
  });
  const [target] = await real.listTargets();
  if (!target) throw new Error('moto listed no volume');
  const client = new CrashingClient(real);
  let current: () => CrashingClient | typeof real = () => client;
  const h = createHarness({ client: () => current(), targets: [target], provider: 'aws' });
  cleanup.push(() => h.dispose());
  return { h, proxy, volumeId, target, client, useHealthy: () => (current = () => real) };
}

async function hourlyRule(core: Core, targetId: number) {
  const created = await core.dispatch(
    'rules:create',
    ruleInput(targetId, {
      schedule: { kind: 'cron', expression: '0 * * * *', timeZone: 'UTC' },
      retention: { keepLast: 2, keepDays: null, gfs: null },
    }),
  );
  expect(created.ok).toBe(true);
}

/** moto's snapshots of the volume: volsnap's (by tag) and the manual one. */
async function held(s: Setup) {
  const all = await motoSnapshots(m.moto.url, REGION, s.volumeId);
  const tag = (x: (typeof all)[number], k: string) => x.Tags?.find((t) => t.Key === k)?.Value;
  return {
    ours: all.filter((x) => tag(x, 'managed-by') === 'volsnap'),
    manual: all.filter((x) => tag(x, 'managed-by') !== 'volsnap'),
  };
}

describe('the engine on AWS (moto behind the proxy)', () => {
  it('runs on schedule, polls pending snapshots to completed, and retention deletes only its own beyond the rule', async () => {
    // moto: volumes, snapshots, tags, deletes. Proxy: each snapshot pending for one look.
    const s = await setup({});
    const core = s.h.core;
    await core.engine.start();
    await hourlyRule(core, s.h.targetIds[0]!);
    await advance(core, 3 * HOUR + 10 * 60_000); // 01:00, 02:00, 03:00
    await core.engine.whenIdle();

    const rows = core.repos.snapshots.listByTarget(s.h.targetIds[0]!);
    expect(rows.map((r) => r.status).sort()).toEqual(['available', 'available', 'deleted']);
    const { ours, manual } = await held(s);
    expect(ours.map((x) => x.SnapshotId).sort()).toEqual(
      rows
        .filter((r) => r.status === 'available')
        .map((r) => r.providerSnapshotId)
        .sort(),
    );
    expect(manual).toHaveLength(1);
    expect(s.proxy.count('CreateSnapshot')).toBe(3);
    expect(s.proxy.count('DeleteSnapshot')).toBe(1);
    // Each new snapshot was seen pending, then polled until completed.
    expect(s.proxy.count('DescribeSnapshots', (c) => c.params.has('SnapshotId.1'))).toBeGreaterThanOrEqual(6);
  });

  it('a create whose reply was lost is found by name and tags, not made twice', async () => {
    // Proxy: the 02:00 CreateSnapshot reaches moto, then the connection is cut.
    const s = await setup({});
    const core = s.h.core;
    await core.engine.start();
    await hourlyRule(core, s.h.targetIds[0]!);
    await advance(core, HOUR);
    s.proxy.knobs.loseReplyOf.push('CreateSnapshot');
    await advance(core, 2 * HOUR + 10 * 60_000);
    await core.engine.whenIdle();

    expect(s.proxy.calls.filter((c) => c.action === 'CreateSnapshot').map((c) => c.outcome)).toEqual([
      200,
      'lost',
      200,
    ]);
    const rows = core.repos.snapshots.listByTarget(s.h.targetIds[0]!);
    expect(rows.map((r) => r.status).sort()).toEqual(['available', 'available', 'deleted']);
    const names = (await held(s)).ours.map((x) => x.Tags?.find((t) => t.Key === 'Name')?.Value);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(2);
  });

  const crashes: { name: string; plan: CrashPlan }[] = [
    {
      name: 'after the intent, before the create was sent',
      plan: { method: 'createSnapshot', when: 'before', nth: 1 },
    },
    { name: 'create sent, reply lost with the process', plan: { method: 'createSnapshot', when: 'after', nth: 1 } },
    { name: 'while polling the pending snapshot', plan: { method: 'getSnapshot', when: 'before', nth: 1 } },
    { name: 'before retention listed', plan: { method: 'listSnapshots', when: 'before', nth: 1 } },
    { name: 'retention delete sent, reply lost', plan: { method: 'deleteSnapshot', when: 'after', nth: 1 } },
    { name: 'before the retention delete was sent', plan: { method: 'deleteSnapshot', when: 'before', nth: 1 } },
  ];
  for (const crash of crashes) {
    it(`crash ${crash.name}: the restarted engine finishes the record, no duplicate, no leak`, async () => {
      // moto: the snapshots that exist. Proxy: pending for one look. CrashingClient: the process dies.
      const s = await setup({});
      let core = s.h.core;
      await core.engine.start();
      await hourlyRule(core, s.h.targetIds[0]!);
      await advance(core, 2 * HOUR); // 01:00 and 02:00 run normally
      s.client.arm(crash.plan);
      await advance(core, HOUR + 10 * 60_000, () => s.client.crashed); // the 03:00 run dies
      expect(s.client.crashed, 'the crash point was reached').toBe(true);
      core.close();
      s.useHealthy();
      vi.advanceTimersByTime(5 * 60_000);
      core = s.h.open();
      await core.engine.start();
      await advance(core, 30 * 60_000);
      await core.engine.whenIdle();

      const rows = core.repos.snapshots.listByTarget(s.h.targetIds[0]!);
      expect(rows.map((r) => r.slotAt).sort()).toEqual(['01', '02', '03'].map((h) => `2024-06-10T${h}:00:00.000Z`));
      expect(rows.filter((r) => ['requested', 'creating', 'deleting'].includes(r.status))).toEqual([]);
      const { ours, manual } = await held(s);
      const available = rows.filter((r) => r.status === 'available');
      expect(ours.map((x) => x.SnapshotId).sort()).toEqual(available.map((r) => r.providerSnapshotId).sort());
      expect(available).toHaveLength(2);
      const names = ours.map((x) => x.Tags?.find((t) => t.Key === 'Name')?.Value);
      expect(new Set(names).size).toBe(names.length);
      expect(manual).toHaveLength(1);
      // One create per slot reached AWS: one that never went out is sent after the restart, one that did is adopted.
      expect(s.proxy.count('CreateSnapshot')).toBe(3);
    });
  }

  it('SnapshotCreationPerVolumeRateExceeded is waited out and retried by the engine', async () => {
    // Proxy: the first CreateSnapshot is refused with the per-volume rate limit (moto never throttles).
    const s = await setup({
      inject: [{ action: 'CreateSnapshot', code: 'SnapshotCreationPerVolumeRateExceeded', status: 400, times: 1 }],
    });
    const core = s.h.core;
    await core.engine.start();
    await hourlyRule(core, s.h.targetIds[0]!);
    await advance(core, HOUR);
    await core.engine.whenIdle();
    const rows = core.repos.snapshots.listByTarget(s.h.targetIds[0]!);
    expect(rows.map((r) => r.status)).toEqual(['available']);
    expect(s.proxy.calls.filter((c) => c.action === 'CreateSnapshot').map((c) => c.outcome)).toEqual([400, 200]);
    expect((await held(s)).ours).toHaveLength(1);
  });
});
