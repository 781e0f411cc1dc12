import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../support/manual-clock';
import { createProviderClient, providerInfo } from '../../../src/main/providers';
import { DEMO_FLAKY_VOLUME, DEMO_VOLUME_SNAPSHOT_MS, DEMO_SERVER_SNAPSHOT_MS } from '../../../src/main/providers/demo';

const dir = mkdtempSync(join(tmpdir(), 'volsnap-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo cloud', () => {
  it('needs no token and is labelled as simulated', async () => {
    const client = createProviderClient('demo', null, { clock: new ManualClock('2026-01-01T00:00:00Z') });
    expect(providerInfo.demo).toMatchObject({ label: 'Demo cloud (simulated)', needsToken: false, demo: true });
    expect((await client.verify()).description).toMatch(/simulated/);
    const targets = await client.listTargets();
    expect(targets.filter((t) => t.kind === 'volume')).toHaveLength(4);
    expect(targets.filter((t) => t.kind === 'server')).toHaveLength(2);
    expect(new Set(targets.map((t) => t.region)).size).toBe(2);
  });

  it('snapshot lifecycle follows the injected clock', async () => {
    const clock = new ManualClock('2026-01-01T03:00:00Z');
    const client = createProviderClient('demo', null, { clock });
    const [volume] = await client.listTargets();
    const created = await client.createSnapshot(volume!, { name: 'volsnap-postgres-1', ruleKey: 'r1' });
    expect(created.status).toBe('creating');
    clock.advance(DEMO_VOLUME_SNAPSHOT_MS - 1);
    expect((await client.getSnapshot(volume!, created.id)).status).toBe('creating');
    clock.advance(1);
    expect(await client.getSnapshot(volume!, created.id)).toMatchObject({
      status: 'available',
      managed: true,
      ruleKey: 'r1',
    });
    const list = await client.listSnapshots(volume!);
    expect(list.map((s) => [s.name, s.managed])).toEqual([
      ['before-upgrade', false],
      ['volsnap-postgres-1', true],
    ]);
    await client.deleteSnapshot(volume!, created.id);
    expect(await client.listSnapshots(volume!)).toHaveLength(1);
    await expect(client.deleteSnapshot(volume!, created.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('servers take longer; a busy target says so', async () => {
    const clock = new ManualClock('2026-01-01T03:00:00Z');
    const client = createProviderClient('demo', null, { clock });
    const server = (await client.listTargets()).find((t) => t.kind === 'server')!;
    const s = await client.createSnapshot(server, { name: 'volsnap-web-1', ruleKey: 'r1' });
    await expect(client.createSnapshot(server, { name: 'volsnap-web-2', ruleKey: 'r1' })).rejects.toMatchObject({
      code: 'target_busy',
      transient: true,
    });
    clock.advance(DEMO_SERVER_SNAPSHOT_MS);
    expect((await client.getSnapshot(server, s.id)).status).toBe('available');
  });

  it('the flaky volume fails every third snapshot with a provider-like message', async () => {
    const clock = new ManualClock('2026-01-01T03:00:00Z');
    const client = createProviderClient('demo', null, { clock });
    const flaky = (await client.listTargets()).find((t) => t.providerId === DEMO_FLAKY_VOLUME)!;
    const outcomes: string[] = [];
    for (let i = 1; i <= 6; i += 1) {
      const s = await client.createSnapshot(flaky, { name: `volsnap-logs-${i}`, ruleKey: 'r1' });
      clock.advance(DEMO_VOLUME_SNAPSHOT_MS);
      const done = await client.getSnapshot(flaky, s.id);
      outcomes.push(done.status);
      if (done.status === 'error') expect(done.error).toMatch(/timed out while reading volume "logs-archive"/);
    }
    expect(outcomes).toEqual(['available', 'available', 'error', 'available', 'available', 'error']);
  });

  it('persists to a JSON file and picks up where it left off', async () => {
    const file = join(dir, 'nested', 'demo.json');
    const clock = new ManualClock('2026-01-01T03:00:00Z');
    const first = createProviderClient('demo', null, { clock, demoStatePath: file });
    const volume = (await first.listTargets())[1]!;
    const s = await first.createSnapshot(volume, { name: 'volsnap-uploads-1', ruleKey: 'r9' });
    expect(JSON.parse(readFileSync(file, 'utf8')).snapshots).toHaveLength(2);

    clock.advance(DEMO_VOLUME_SNAPSHOT_MS);
    const second = createProviderClient('demo', null, { clock, demoStatePath: file });
    expect(await second.getSnapshot(volume, s.id)).toMatchObject({ status: 'available', managed: true, ruleKey: 'r9' });
    const next = await second.createSnapshot(volume, { name: 'volsnap-uploads-2', ruleKey: 'r9' });
    expect(next.id).not.toBe(s.id);

    const memoryOnly = createProviderClient('demo', null, { clock });
    expect(await memoryOnly.listSnapshots(volume)).toHaveLength(0);
  });
});
