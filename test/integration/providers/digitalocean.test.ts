import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient } from '../../../src/main/providers';
import type { DigitalOceanClient } from '../../../src/main/providers/digitalocean';
import type { ProviderTarget } from '../../../src/main/providers/types';
import { startDigitalOceanFake, type DigitalOceanFake, type DigitalOceanFakeOptions } from '../../fakes/digitalocean';
import { failure, fastOptions, guardSecrets } from './helpers';

const TOKEN = 'dop_v1_SECRET_contract_4b9e1f7d2c';
const WRONG = 'dop_v1_SECRET_wrong_88aa11ee';
const guard = guardSecrets([TOKEN, WRONG]);

let fake: DigitalOceanFake;
afterEach(async () => {
  await fake?.close();
});

async function setup(opts: DigitalOceanFakeOptions = {}, token = TOKEN, extra = {}) {
  fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: null, ...opts });
  const client = createProviderClient('digitalocean', token, fastOptions(fake.url, [], extra)) as DigitalOceanClient;
  return client;
}

function volumeTarget(id: string, name = 'data'): ProviderTarget {
  return {
    providerId: id,
    kind: 'volume',
    name,
    region: 'fra1',
    sizeGb: 100,
    attachedTo: null,
    tags: [],
    snapshotable: true,
    unsupportedReason: null,
  };
}
function dropletTarget(id: number, name = 'web-1'): ProviderTarget {
  return { ...volumeTarget(String(id), name), kind: 'server' };
}

describe('DigitalOcean client against the emulator', () => {
  it('verifies the token and describes the account', async () => {
    const client = await setup();
    const info = await client.verify();
    expect(info.description).toContain('ops@example.com');
    expect(info.description).toContain('Example Team');
  });

  it('lists volumes and droplets across pages and regions', async () => {
    const client = await setup();
    const web = fake.addDroplet({ name: 'web-1', region: 'nyc3' });
    fake.addDroplet({ name: 'db-1', region: 'fra1' });
    const volumes = fake.seedVolumes(450, { regions: ['fra1', 'nyc3', 'ams3'] });
    volumes[0]!.dropletIds = [web.id];
    const targets = await client.listTargets();
    expect(targets.filter((t) => t.kind === 'volume')).toHaveLength(450);
    expect(
      targets
        .filter((t) => t.kind === 'server')
        .map((t) => t.name)
        .sort(),
    ).toEqual(['db-1', 'web-1']);
    expect(new Set(targets.map((t) => t.region))).toEqual(new Set(['fra1', 'nyc3', 'ams3']));
    expect(targets.find((t) => t.providerId === volumes[0]!.id)?.attachedTo).toBe('web-1');
    expect(fake.stats.byRoute['GET /v2/volumes']).toBe(3); // 200 per page
    expect(targets.every((t) => t.snapshotable)).toBe(true);
  });

  it('lists 5,000 volumes quickly (25 pages)', async () => {
    const client = await setup();
    fake.seedVolumes(5_000, { regions: ['fra1', 'nyc3', 'ams3', 'sgp1', 'lon1'] });
    const started = Date.now();
    const targets = await client.listTargets();
    expect(targets).toHaveLength(5_000);
    expect(fake.stats.byRoute['GET /v2/volumes']).toBe(25);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('snapshots a volume with ownership tags and lists volsnap-owned vs manual snapshots', async () => {
    const client = await setup();
    const vol = fake.addVolume({ name: 'data', region: 'fra1' });
    fake.addVolumeSnapshot(vol.id, 'before-upgrade'); // manual
    fake.addVolumeSnapshot(vol.id, 'volsnap-lookalike'); // volsnap name, no tag
    fake.addVolumeSnapshot(vol.id, 'tagged-but-renamed', ['volsnap']); // tag, other name
    const target = volumeTarget(vol.id);
    const snap = await client.createSnapshot(target, { name: 'volsnap-data-20260101-0300', ruleKey: 'rule-7' });
    expect(snap).toMatchObject({
      status: 'available',
      managed: true,
      ruleKey: 'rule-7',
      name: 'volsnap-data-20260101-0300',
    });
    expect(fake.state.snapshots.get(snap.id)?.tags).toEqual(['volsnap', 'volsnap-rule:rule-7']);

    const again = await client.getSnapshot(target, snap.id);
    expect(again).toMatchObject({ id: snap.id, status: 'available', managed: true });

    const all = await client.listSnapshots(target);
    expect(all).toHaveLength(4);
    expect(all.filter((s) => s.managed).map((s) => s.id)).toEqual([snap.id]);
    expect(all.find((s) => s.name === 'before-upgrade')).toMatchObject({ managed: false, ruleKey: null });

    await client.deleteSnapshot(target, snap.id);
    expect(fake.state.snapshots.has(snap.id)).toBe(false);
  });

  it('snapshots a droplet: action -> poll -> image found by name -> tagged', async () => {
    const client = await setup({ actionPolls: 2 });
    const d = fake.addDroplet({ name: 'web-1' });
    fake.addDropletImage(d.id, 'weekly-backup', 'backup');
    fake.addDropletImage(d.id, 'hand-made', 'snapshot');
    const target = dropletTarget(d.id);
    const created = await client.createSnapshot(target, { name: 'volsnap-web-1-a', ruleKey: 'r1' });
    expect(created.status).toBe('creating');
    expect(created.id).toMatch(/^action:\d+/);
    expect((await client.getSnapshot(target, created.id)).status).toBe('creating');
    expect((await client.getSnapshot(target, created.id)).status).toBe('creating');
    const done = await client.getSnapshot(target, created.id);
    expect(done).toMatchObject({ status: 'available', managed: true, ruleKey: 'r1', name: 'volsnap-web-1-a' });
    expect(done.id).toMatch(/^\d+$/);
    expect(fake.state.snapshots.get(done.id)?.tags.sort()).toEqual(['volsnap', 'volsnap-rule:r1']);

    const byId = await client.getSnapshot(target, done.id);
    expect(byId).toMatchObject({ id: done.id, status: 'available', managed: true, ruleKey: 'r1' });

    const list = await client.listSnapshots(target);
    expect(list).toHaveLength(3);
    expect(list.find((s) => s.name === 'weekly-backup')).toMatchObject({ managed: false });
    expect(list.find((s) => s.name === 'hand-made')).toMatchObject({ managed: false });
    expect(list.find((s) => s.id === done.id)).toMatchObject({ managed: true, ruleKey: 'r1' });

    await client.deleteSnapshot(target, done.id);
    expect(fake.state.snapshots.has(done.id)).toBe(false);
  });

  it('resolves a droplet snapshot handle after a restart (new client, same handle)', async () => {
    const client = await setup();
    const d = fake.addDroplet({ name: 'web-2' });
    const created = await client.createSnapshot(dropletTarget(d.id, 'web-2'), {
      name: 'volsnap-web-2-x',
      ruleKey: 'nightly',
    });
    const fresh = createProviderClient('digitalocean', TOKEN, fastOptions(fake.url));
    let snap = await fresh.getSnapshot(dropletTarget(d.id, 'web-2'), created.id);
    while (snap.status === 'creating') snap = await fresh.getSnapshot(dropletTarget(d.id, 'web-2'), created.id);
    expect(snap).toMatchObject({ status: 'available', managed: true, ruleKey: 'nightly' });
  });

  it('a repeated droplet create with the same name adopts and tags the image instead of making a second', async () => {
    let now = Date.parse('2026-01-01T03:00:00Z');
    const client = await setup({ actionDurationMs: 60_000, now: () => now });
    const d = fake.addDroplet({ name: 'web-4' });
    const target = dropletTarget(d.id, 'web-4');
    const request = { name: 'volsnap-web-4-20260101T030000Z', ruleKey: 'r1' };
    await client.createSnapshot(target, request); // accepted; the reply (the handle) is lost
    // While the first action runs, DigitalOcean refuses another: busy, retried later.
    const busy = await failure(guard, () => client.createSnapshot(target, request));
    expect(busy).toMatchObject({ code: 'target_busy', transient: true });
    now += 60_000; // the first action completes: an untagged image named request.name
    const fresh = createProviderClient('digitalocean', TOKEN, fastOptions(fake.url)); // e.g. after a restart
    const adopted = await fresh.createSnapshot(target, request);
    expect(adopted).toMatchObject({ status: 'available', managed: true, ruleKey: 'r1', name: request.name });
    expect(adopted.id).toMatch(/^\d+$/);
    expect(fake.snapshotsOf(String(d.id)).map((i) => i.id)).toEqual([adopted.id]);
    expect(fake.state.snapshots.get(adopted.id)?.tags.sort()).toEqual(['volsnap', 'volsnap-rule:r1']);
    expect(fake.state.actions.size).toBe(1);
    expect((await fresh.listSnapshots(target)).filter((s) => s.managed).map((s) => s.id)).toEqual([adopted.id]);
    // Idempotent: asking again returns the same image.
    expect((await fresh.createSnapshot(target, request)).id).toBe(adopted.id);
  });

  it('does not adopt a same-named droplet image that belongs to another rule', async () => {
    const client = await setup();
    const d = fake.addDroplet({ name: 'web-5' });
    fake.addDropletImage(d.id, 'volsnap-web-5-x', 'snapshot', ['volsnap', 'volsnap-rule:other']);
    const x = await client.createSnapshot(dropletTarget(d.id, 'web-5'), { name: 'volsnap-web-5-x', ruleKey: 'r1' });
    expect(x.status).toBe('creating');
    expect(x.id).toMatch(/^action:/);
  });

  it('reports an errored droplet action as an error snapshot', async () => {
    const client = await setup({ actionPolls: 0 });
    const d = fake.addDroplet({ name: 'web-3' });
    fake.failNextActions = 1;
    const created = await client.createSnapshot(dropletTarget(d.id), { name: 'volsnap-web-3-x', ruleKey: 'r1' });
    const snap = await client.getSnapshot(dropletTarget(d.id), created.id);
    expect(snap.status).toBe('error');
    expect(snap.error).toMatch(/errored/);
  });

  describe('errors', () => {
    it('401: token invalid, with where to make a new one', async () => {
      const client = await setup({}, WRONG);
      const e = await failure(guard, () => client.verify());
      expect(e.code).toBe('token_invalid');
      expect(e.message).toMatch(/^DigitalOcean rejected the token \(401\)/);
      expect(e.message).toContain('https://cloud.digitalocean.com/account/api/tokens');
      expect(e.message).toContain('replace it in Accounts');
      expect(e.transient).toBe(false);
      expect(e.toData().requestId).toMatch(/[0-9a-f-]{36}/);
    });

    it('403: names the missing scope', async () => {
      const client = await setup({ scopes: ['block_storage:read', 'block_storage_snapshot:read'] });
      const vol = fake.addVolume({ name: 'data' });
      const e = await failure(guard, () =>
        client.createSnapshot(volumeTarget(vol.id), { name: 'volsnap-x', ruleKey: 'r1' }),
      );
      expect(e.code).toBe('permission_missing');
      expect(e.message).toContain('"block_storage_snapshot:create" permission');
      expect(e.message).toContain('DigitalOcean refused to create a snapshot of volume "data" (403)');
      expect(fake.snapshotsOf(vol.id)).toHaveLength(0);
    });

    it('404: not found', async () => {
      const client = await setup();
      const e = await failure(guard, () =>
        client.deleteSnapshot(volumeTarget('x'), '00000000-0000-4000-8000-000000000001'),
      );
      expect(e.code).toBe('not_found');
      expect(e.message).toMatch(
        /DigitalOcean could not find it when trying to delete a snapshot of volume "data" \(404\)/,
      );
    });

    it('422 at 25 snapshots per volume: provider limit', async () => {
      const client = await setup({ perVolumeSnapshotLimit: 25 });
      const vol = fake.addVolume({ name: 'full' });
      for (let i = 0; i < 25; i += 1) fake.addVolumeSnapshot(vol.id, `manual-${i}`);
      const e = await failure(guard, () =>
        client.createSnapshot(volumeTarget(vol.id, 'full'), { name: 'volsnap-x', ruleKey: 'r1' }),
      );
      expect(e.code).toBe('provider_limit');
      expect(e.message).toContain('limit of 25 snapshots');
      expect(e.message).toContain('Delete old snapshots');
      expect(e.transient).toBe(false);
    });

    it('422 pending event on a droplet: target busy (transient)', async () => {
      const client = await setup({ actionPolls: 5 });
      const d = fake.addDroplet({ name: 'busy' });
      await client.createSnapshot(dropletTarget(d.id, 'busy'), { name: 'volsnap-a', ruleKey: 'r1' });
      const e = await failure(guard, () =>
        client.createSnapshot(dropletTarget(d.id, 'busy'), { name: 'volsnap-b', ruleKey: 'r1' }),
      );
      expect(e.code).toBe('target_busy');
      expect(e.transient).toBe(true);
      expect(e.message).toContain('busy with another operation');
      expect(e.message).toContain('Droplet already has a pending event');
    });

    it('429 beyond the retry allowance: rate limited (transient)', async () => {
      const client = await setup({}, TOKEN, { retry: { maxRateLimitRetries: 0 } });
      fake.faults.rateLimitStorm = 1;
      const e = await failure(guard, () => client.verify());
      expect(e.code).toBe('rate_limited');
      expect(e.transient).toBe(true);
      expect(e.message).toMatch(/DigitalOcean is rate limiting this account \(429\).*will try again later\.$/);
      expect(e.options.retryAfterMs).toBe(1_000);
    });

    it('5xx that persists: provider unavailable (transient) after retries', async () => {
      const client = await setup();
      fake.faults.errorRates = { 500: 1 };
      const e = await failure(guard, () => client.listTargets());
      expect(e.code).toBe('provider_unavailable');
      expect(e.transient).toBe(true);
      expect(e.message).toMatch(/DigitalOcean had a problem \(HTTP 500\) while trying to list Droplets/);
      expect(fake.stats.injectedErrors).toBe(3); // maxAttempts in fastOptions
    });

    it('a create POST is not repeated on a 500 or a 503 (outcome unknown: the engine looks before retrying)', async () => {
      const client = await setup();
      const vol = fake.addVolume({ name: 'data' });
      fake.faults.errorRates = { 500: 1 };
      const e = await failure(guard, () =>
        client.createSnapshot(volumeTarget(vol.id), { name: 'volsnap-x', ruleKey: 'r1' }),
      );
      expect(e.code).toBe('provider_unavailable');
      expect(e.outcomeUnknown).toBe(true);
      expect(fake.stats.injectedErrors).toBe(1);
      // A 503 may come from a proxy after the provider acted (issue 11, item 9): not retried here either.
      fake.faults.errorRates = { 503: 1 };
      const e503 = await failure(guard, () =>
        client.createSnapshot(volumeTarget(vol.id), { name: 'volsnap-y', ruleKey: 'r1' }),
      );
      expect(e503.outcomeUnknown).toBe(true);
      expect(fake.stats.injectedErrors).toBe(2);
    });

    it('invalid request: rejected locally and by the server', async () => {
      const client = await setup();
      const local = await failure(guard, () =>
        client.createSnapshot(volumeTarget('v'), { name: 'volsnap-x', ruleKey: 'bad key!' }),
      );
      expect(local.code).toBe('invalid_input');
      expect(local.message).toContain('rule key');
      const server = await failure(guard, () =>
        client.http.request({ method: 'GET', path: '/v2/volumes', query: { per_page: 500 }, action: 'list volumes' }),
      );
      expect(server.code).toBe('invalid_input');
      expect(server.message).toMatch(/DigitalOcean rejected the request to list volumes \(400\). per_page must be/);
    });

    it('network down: provider unavailable, create not marked unknown when nothing was sent', async () => {
      const client = await setup();
      const vol = fake.addVolume({ name: 'data' });
      await fake.close();
      const e = await failure(guard, () =>
        client.createSnapshot(volumeTarget(vol.id), { name: 'volsnap-x', ruleKey: 'r1' }),
      );
      expect(e.code).toBe('provider_unavailable');
      expect(e.transient).toBe(true);
      expect(e.outcomeUnknown).toBe(false);
      expect(e.message).toMatch(
        /Could not reach DigitalOcean to create a snapshot of volume "data" \(connection refused\)/,
      );
    });
  });

  it('a provider message that echoes the token is redacted before it reaches the error', async () => {
    const echo = createServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'unauthorized',
          message: `Unable to authenticate you with ${String(req.headers.authorization)}`,
        }),
      );
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
      const client = createProviderClient('digitalocean', TOKEN, fastOptions(url));
      const e = await failure(guard, () => client.verify());
      expect(e.code).toBe('token_invalid');
      expect(e.message).toContain('[redacted]');
      expect(e.message).not.toContain(TOKEN);
    } finally {
      await new Promise((r) => echo.close(r));
    }
  });

  it('connection reset after the create was accepted: unknown outcome, snapshot exists', async () => {
    const client = await setup();
    const vol = fake.addVolume({ name: 'data' });
    fake.faults.resetAfterAccept = { count: 1, route: 'POST /v2/volumes/:volume_id/snapshots' };
    const e = await failure(guard, () =>
      client.createSnapshot(volumeTarget(vol.id), { name: 'volsnap-lost-reply', ruleKey: 'r1' }),
    );
    expect(e.code).toBe('provider_unavailable');
    expect(e.transient).toBe(true);
    expect(e.outcomeUnknown).toBe(true);
    expect(e.message).toContain('not known whether it happened');
    expect(fake.stats.resets).toBe(1);
    expect(fake.snapshotsOf(vol.id).map((s) => s.name)).toEqual(['volsnap-lost-reply']);
    // Reconciliation by name finds it, owned by volsnap.
    const found = (await client.listSnapshots(volumeTarget(vol.id))).find((s) => s.name === 'volsnap-lost-reply');
    expect(found).toMatchObject({ managed: true, ruleKey: 'r1' });
  });

  it('a reset during an idempotent read is retried transparently', async () => {
    const client = await setup();
    fake.faults.resetAfterAccept = { count: 1, route: 'GET /v2/account' };
    await expect(client.verify()).resolves.toMatchObject({ description: expect.stringContaining('ops@example.com') });
    expect(fake.stats.resets).toBe(1);
  });

  it('a DELETE whose reply was lost is done when the retry finds 404', async () => {
    const client = await setup();
    const vol = fake.addVolume({ name: 'data' });
    const snap = fake.addVolumeSnapshot(vol.id, 'volsnap-old', ['volsnap']);
    fake.faults.resetAfterAccept = { count: 1, route: 'DELETE /v2/volumes/snapshots/:snapshot_id' };
    await client.deleteSnapshot(volumeTarget(vol.id), snap.id);
    expect(fake.state.snapshots.has(snap.id)).toBe(false);
  });
});
