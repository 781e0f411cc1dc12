import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient } from '../../../src/main/providers';
import type { ScalewayClient } from '../../../src/main/providers/scaleway';
import type { ProviderTarget } from '../../../src/main/providers/types';
import { startScalewayFake, type ScalewayFake, type ScalewayFakeOptions } from '../../fakes/scaleway';
import { failure, fastOptions, guardSecrets } from './helpers';

const TOKEN = 'scw_SECRET_contract_6d8f0a2c4e';
const WRONG = 'scw_SECRET_wrong_77bb99dd';
const guard = guardSecrets([TOKEN, WRONG]);

let fake: ScalewayFake;
afterEach(async () => {
  await fake?.close();
});

async function setup(opts: ScalewayFakeOptions = {}, token = TOKEN, extra = {}) {
  fake = await startScalewayFake({ token: TOKEN, ...opts });
  return createProviderClient('scaleway', token, fastOptions(fake.url, [], extra)) as ScalewayClient;
}

async function targetOf(client: ScalewayClient, name: string): Promise<ProviderTarget> {
  return (await client.listTargets()).find((t) => t.name === name)!;
}

describe('Scaleway client against the emulator', () => {
  it('verifies with a cheap list call', async () => {
    const client = await setup();
    fake.seedVolumes(3, { zones: ['fr-par-1'] });
    expect((await client.verify()).description).toBe('Scaleway API key, 3 Block Storage volumes in fr-par-1');
  });

  it('lists volumes in every zone across pages, naming attached servers', async () => {
    const client = await setup();
    const server = fake.addServer({ name: 'web-par', zone: 'fr-par-2' });
    fake.seedVolumes(250, { zones: ['fr-par-1', 'nl-ams-2', 'pl-waw-3'] });
    fake.addVolume({ name: 'attached', zone: 'fr-par-2', serverId: server.id });
    const targets = await client.listTargets();
    // 251 volumes, and the server itself (backed up whole, see scaleway-servers.test.ts).
    expect(targets.filter((t) => t.kind === 'volume')).toHaveLength(251);
    expect(targets.filter((t) => t.kind === 'server').map((t) => t.name)).toEqual(['web-par']);
    expect(new Set(targets.map((t) => t.region))).toEqual(new Set(['fr-par-1', 'nl-ams-2', 'pl-waw-3', 'fr-par-2']));
    expect(targets.find((t) => t.name === 'attached')?.attachedTo).toBe('web-par');
    expect(targets[0]!.sizeGb).toBe(20);
    // 9 zones, each under 100 volumes: one page per zone.
    expect(fake.stats.byRoute['GET /block/v1/zones/:zone/volumes']).toBe(9);
    // Servers are targets too: listed in each of the 10 Instance zones.
    expect(fake.stats.byRoute['GET /instance/v1/zones/:zone/servers']).toBe(10);
  });

  it('pages through more than 100 volumes in one zone', async () => {
    const client = await setup();
    fake.seedVolumes(230, { zones: ['nl-ams-1'] });
    const targets = await createProviderClient(
      'scaleway',
      TOKEN,
      fastOptions(fake.url, [], { zones: ['nl-ams-1'] }),
    ).listTargets();
    expect(targets).toHaveLength(230);
    expect(fake.stats.byRoute['GET /block/v1/zones/:zone/volumes']).toBe(3);
    expect(client.kind).toBe('scaleway');
  });

  it("creates a tagged snapshot in the volume's project, polls creating -> available, lists owned vs manual, deletes", async () => {
    const client = await setup({ snapshotPolls: 1 });
    const vol = fake.addVolume({ name: 'db-data', zone: 'nl-ams-1', projectId: 'proj-b' });
    fake.addSnapshot(vol.id, 'manual-before-migration');
    fake.addSnapshot(vol.id, 'volsnap-not-ours');
    const target = await targetOf(client, 'db-data');
    const snap = await client.createSnapshot(target, { name: 'volsnap-db-data-1', ruleKey: 'hourly' });
    expect(snap).toMatchObject({ status: 'creating', managed: true, ruleKey: 'hourly' });
    const stored = fake.state.snapshots.get(snap.id)!;
    expect(stored.projectId).toBe('proj-b');
    expect(stored.tags).toEqual(['volsnap', 'volsnap-rule=hourly']);
    expect((await client.getSnapshot(target, snap.id)).status).toBe('creating');
    expect(await client.getSnapshot(target, snap.id)).toMatchObject({ status: 'available', sizeGb: 20 });
    const list = await client.listSnapshots(target);
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.managed).map((s) => s.id)).toEqual([snap.id]);
    await client.deleteSnapshot(target, snap.id);
    expect(fake.state.snapshots.has(snap.id)).toBe(false);
  });

  it('reports a failed snapshot as error', async () => {
    const client = await setup({ snapshotPolls: 0 });
    fake.addVolume({ name: 'flaky' });
    const target = await targetOf(client, 'flaky');
    fake.failNextSnapshots = 1;
    const snap = await client.createSnapshot(target, { name: 'volsnap-flaky-1', ruleKey: 'r1' });
    const after = await client.getSnapshot(target, snap.id);
    expect(after.status).toBe('error');
    expect(after.error).toContain('"error"');
  });

  describe('errors', () => {
    it('401 denied_authentication: token invalid', async () => {
      const client = await setup({}, WRONG);
      const e = await failure(guard, () => client.verify());
      expect(e.code).toBe('token_invalid');
      expect(e.message).toMatch(/^Scaleway rejected the token \(401\). authentication is denied\./);
      expect(e.message).toContain('https://console.scaleway.com/iam/api-keys');
      expect(e.toData().requestId).toBeTruthy();
    });

    it('403 permissions_denied: names the permission set', async () => {
      const client = await setup({ permissions: ['block:read', 'instance:read'] });
      fake.addVolume({ name: 'data' });
      const target = await targetOf(client, 'data');
      const e = await failure(guard, () => client.createSnapshot(target, { name: 'volsnap-x', ruleKey: 'r1' }));
      expect(e.code).toBe('permission_missing');
      expect(e.message).toContain('"BlockStorageFullAccess" permission');
    });

    it('missing Instance permission only costs the server names', async () => {
      const client = await setup({ permissions: ['block:read', 'block:write'] });
      const server = fake.addServer({ name: 'web' });
      fake.addVolume({ name: 'attached', serverId: server.id });
      const target = await targetOf(client, 'attached');
      expect(target.attachedTo).toBe(server.id);
    });

    it('404 not_found', async () => {
      const client = await setup();
      fake.addVolume({ name: 'data' });
      const target = await targetOf(client, 'data');
      const e = await failure(guard, () => client.getSnapshot(target, '7d1c2f3e-0000-4000-8000-000000000000'));
      expect(e.code).toBe('not_found');
      expect(e.message).toContain('resource is not found');
    });

    it('quotas_exceeded: provider limit', async () => {
      const client = await setup({ snapshotQuota: 1 });
      const vol = fake.addVolume({ name: 'data' });
      fake.addSnapshot(vol.id, 'old');
      const target = await targetOf(client, 'data');
      const e = await failure(guard, () => client.createSnapshot(target, { name: 'volsnap-x', ruleKey: 'r1' }));
      expect(e.code).toBe('provider_limit');
      expect(e.message).toContain('quota(s) exceeded');
    });

    it('transient_state: target busy (transient)', async () => {
      const client = await setup({ snapshotPolls: 5 });
      fake.addVolume({ name: 'data' });
      const target = await targetOf(client, 'data');
      await client.createSnapshot(target, { name: 'volsnap-a', ruleKey: 'r1' });
      const e = await failure(guard, () => client.createSnapshot(target, { name: 'volsnap-b', ruleKey: 'r1' }));
      expect(e.code).toBe('target_busy');
      expect(e.transient).toBe(true);
      expect(e.message).toContain('transient state (snapshotting)');
    });

    it('429 too_many_requests with reset_seconds: rate limited', async () => {
      const client = await setup({}, TOKEN, { retry: { maxRateLimitRetries: 0 } });
      fake.faults.rateLimitStorm = 1;
      const e = await failure(guard, () => client.verify());
      expect(e.code).toBe('rate_limited');
      expect(e.options.retryAfterMs).toBe(1_000);
      expect(e.message).toContain('will try again later.');
    });

    it('a 429 storm is ridden out using reset_seconds', async () => {
      const client = await setup();
      fake.faults.rateLimitStorm = 1;
      await expect(client.verify()).resolves.toBeTruthy();
      expect(fake.stats.rateLimited).toBe(1);
    });

    it('persistent 5xx: provider unavailable', async () => {
      const client = await setup();
      fake.faults.errorRates = { 503: 1 };
      const e = await failure(guard, () => client.verify());
      expect(e.code).toBe('provider_unavailable');
      expect(e.message).toContain('Scaleway had a problem (HTTP 503)');
    });

    it('invalid_arguments: invalid input with the argument named', async () => {
      const client = await setup();
      const e = await failure(guard, () =>
        client.http.request({
          method: 'GET',
          path: '/block/v1/zones/fr-par-1/volumes',
          query: { page_size: 1000 },
          action: 'list volumes',
        }),
      );
      expect(e.code).toBe('invalid_input');
      expect(e.message).toContain('page_size must be between 1 and 100');
    });
  });

  it('connection reset after the create was accepted: unknown outcome, snapshot exists', async () => {
    const client = await setup();
    fake.addVolume({ name: 'data' });
    const target = await targetOf(client, 'data');
    fake.faults.resetAfterAccept = { count: 1, route: 'POST /block/v1/zones/:zone/snapshots' };
    const e = await failure(guard, () => client.createSnapshot(target, { name: 'volsnap-lost', ruleKey: 'r1' }));
    expect(e).toMatchObject({ code: 'provider_unavailable', outcomeUnknown: true });
    const found = (await client.listSnapshots(target)).find((s) => s.name === 'volsnap-lost');
    expect(found).toMatchObject({ managed: true, ruleKey: 'r1' });
  });
});
