/**
 * A real daemon process, killed with SIGKILL in the middle of snapshot runs
 * and restarted, several times, against the DigitalOcean emulator (which
 * lives in this process and so survives every kill). After a last clean run:
 * every run has exactly one snapshot at the provider and one final record.
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { connectSocket, type SocketClient } from '../../../src/cli/socket/client';
import type { SnapshotRow } from '../../../src/shared/contract';
import { emulatorProviders, spawnVolsnap, tempDir, tokenFile, volsnap } from './helpers';

const TOKEN = 'dop_v1_crash_test_token';
/** When each cycle's SIGKILL lands after the runs were started (ms); fixed, so a failure can be replayed. */
const KILL_AFTER_MS = [120, 450, 60, 800, 300, 1_500];

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function call<T>(client: SocketClient, channel: string, input?: unknown): Promise<T> {
  const envelope = await client.call(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as T;
}

async function setUp(fake: DigitalOceanFake, dataDir: string, secretsDir: string): Promise<void> {
  const run = (argv: string[], stdin?: string) =>
    volsnap(argv, { dataDir, providers: emulatorProviders({ digitalocean: fake.url }), ...(stdin ? { stdin } : {}) });
  const file = tokenFile(secretsDir, 'do.token', TOKEN);
  expect(
    (await run(['accounts', 'add', '--provider', 'digitalocean', '--name', 'Prod', '--token-file', file])).code,
  ).toBe(0);
  const targets = [...fake.state.volumes.map((v) => v.id), ...fake.state.droplets.map((d) => String(d.id))];
  const rules = targets.map((providerId, i) => ({
    target: { provider: 'digitalocean', providerId, name: `t${i}` },
    name: `Rule ${i}`,
    schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
    retention: { keepLast: 10_000, keepDays: null, gfs: null },
    nameTemplate: 'volsnap-{volume}-{utc}',
    enabled: true,
    catchUp: 'once',
  }));
  const imported = await run(['rules', 'import', '-'], JSON.stringify({ format: 'volsnap-rules', version: 1, rules }));
  expect(imported.code, imported.stderr).toBe(0);
}

async function untilSettled(client: SocketClient): Promise<SnapshotRow[]> {
  for (;;) {
    const page = await call<{ items: SnapshotRow[] }>(client, 'snapshots:list', { limit: 500 });
    if (page.items.every((s) => s.status === 'available' || s.status === 'error')) return page.items;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

it('SIGKILL mid-run and restart, six times: no duplicate snapshot, no lost record', { timeout: 180_000 }, async () => {
  // Every request takes a while, so kills land between a create reaching the emulator and its reply.
  const fake = await startDigitalOceanFake({
    token: TOKEN,
    rateLimits: null,
    faults: { latencyMs: 150 },
    actionDurationMs: 1_200,
  });
  for (const name of ['pg-data', 'uploads', 'logs', 'cache']) fake.addVolume({ name, region: 'fra1', sizeGb: 20 });
  fake.addDroplet({ name: 'web-1', region: 'fra1', diskGb: 25 });
  const data = tempDir('vs-crash-');
  const secrets = tempDir('vs-crash-s-');
  cleanup.push(() => fake.close(), data.remove, secrets.remove);
  await setUp(fake, data.dir, secrets.dir);
  const env = { VOLSNAP_DATA_DIR: data.dir, VOLSNAP_DIGITALOCEAN_API_URL: fake.url };
  const socketPath = join(data.dir, 'volsnap.sock');

  let started = 0;
  for (const killAfter of KILL_AFTER_MS) {
    const daemon = spawnVolsnap(['daemon'], env);
    cleanup.push(() => void daemon.child.kill('SIGKILL'));
    await daemon.waitFor(/info daemon: Started volsnap/);
    const client = (await connectSocket(socketPath))!;
    started += (await call<{ started: number }>(client, 'rules:runAll')).started;
    await new Promise((resolve) => setTimeout(resolve, killAfter));
    daemon.child.kill('SIGKILL');
    expect((await daemon.exited).signal).toBe('SIGKILL');
    client.close();
  }

  const final = spawnVolsnap(['daemon'], env);
  cleanup.push(() => void final.child.kill('SIGKILL'));
  await final.waitFor(/info daemon: Started volsnap/);
  const client = (await connectSocket(socketPath))!;
  const rows = await untilSettled(client);
  const activity = await call<{ items: { type: string }[] }>(client, 'activity:list', { limit: 500 });
  client.close();
  final.child.kill('SIGTERM');
  expect((await final.exited).code).toBe(0);

  const atProvider = [...fake.state.snapshots.values()].filter((s) => s.name.startsWith('volsnap-'));
  const names = new Set(atProvider.map((s) => s.name));
  const recorded = new Set(rows.filter((r) => r.status === 'available').map((r) => r.providerSnapshotId));
  const figures = {
    cycles: KILL_AFTER_MS.length,
    runsStarted: started,
    records: rows.length,
    available: rows.filter((r) => r.status === 'available').length,
    failed: rows.filter((r) => r.status === 'error').length,
    providerSnapshots: atProvider.length,
    duplicates: atProvider.length - names.size,
    unrecorded: atProvider.filter((s) => !recorded.has(s.id)).length,
    phantomRecords: [...recorded].filter((id) => !fake.state.snapshots.has(id!)).length,
    recoveredAfterKill: activity.items.filter((e) => e.type === 'run.recovered').length,
  };
  console.log(`[cli-crash] ${JSON.stringify(figures)}`);
  expect(started).toBeGreaterThan(0);
  expect(figures.records).toBe(started);
  expect(figures.duplicates).toBe(0);
  expect(figures.unrecorded).toBe(0);
  expect(figures.phantomRecords).toBe(0);
  expect(figures.failed).toBe(0);
  expect(figures.available).toBe(figures.providerSnapshots);
  expect(recorded.size).toBe(figures.available);
});
