import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient } from '../../../src/main/providers';
import type { HetznerClient } from '../../../src/main/providers/hetzner';
import type { ProviderTarget } from '../../../src/main/providers/types';
import { startHetznerFake, type HetznerFake, type HetznerFakeOptions } from '../../fakes/hetzner';
import { failure, fastOptions, guardSecrets } from './helpers';

const TOKEN = 'hz_SECRET_contract_3e5d7c9b1a';
const WRONG = 'hz_SECRET_wrong_0f0f0f0f';
const guard = guardSecrets([TOKEN, WRONG]);

let fake: HetznerFake;
afterEach(async () => {
  await fake?.close();
});

async function setup(opts: HetznerFakeOptions = {}, token = TOKEN, extra = {}) {
  fake = await startHetznerFake({ token: TOKEN, rateLimits: null, ...opts });
  return createProviderClient('hetzner', token, fastOptions(fake.url, [], extra)) as HetznerClient;
}

const serverTarget = (id: number, name = 'web-1'): ProviderTarget => ({
  providerId: String(id),
  kind: 'server',
  name,
  region: 'nbg1',
  sizeGb: 40,
  attachedTo: null,
  tags: [],
  snapshotable: true,
  unsupportedReason: null,
});

describe('Hetzner Cloud client against the emulator', () => {
  it('verifies with one cheap call', async () => {
    const client = await setup();
    fake.addServer({ name: 'a' });
    fake.addServer({ name: 'b' });
    expect((await client.verify()).description).toBe('Hetzner Cloud project with 2 servers');
    expect(fake.stats.byRoute['GET /v1/servers']).toBe(1);
  });

  it('lists servers across pages and locations; volumes are listed as not snapshotable', async () => {
    const client = await setup();
    for (let i = 0; i < 120; i += 1) fake.addServer({ name: `srv-${i}`, location: ['nbg1', 'fsn1', 'hel1'][i % 3]! });
    const web = fake.state.servers[0]!;
    fake.addVolume({ name: 'data', serverId: web.id });
    const targets = await client.listTargets();
    expect(targets.filter((t) => t.kind === 'server')).toHaveLength(120);
    expect(new Set(targets.map((t) => t.region))).toEqual(new Set(['nbg1', 'fsn1', 'hel1']));
    expect(fake.stats.byRoute['GET /v1/servers']).toBe(3); // 50 per page
    const vol = targets.find((t) => t.kind === 'volume')!;
    expect(vol).toMatchObject({ snapshotable: false, attachedTo: 'srv-0' });
    expect(vol.unsupportedReason).toMatch(/cannot snapshot volumes/);
    const e = await failure(guard, () => client.createSnapshot(vol, { name: 'volsnap-x', ruleKey: 'r1' }));
    expect(e.code).toBe('unsupported');
  });

  it('creates a labelled snapshot, polls it to available, lists owned vs manual vs backup, deletes it', async () => {
    const client = await setup({ imagePolls: 2 });
    const s = fake.addServer({ name: 'web-1' });
    fake.addImage(s.id, { description: 'before-upgrade' });
    fake.addImage(s.id, { description: 'volsnap-lookalike' });
    fake.addImage(s.id, { description: 'volsnap-backup', type: 'backup', labels: { 'managed-by': 'volsnap' } });
    const target = serverTarget(s.id);
    const created = await client.createSnapshot(target, { name: 'volsnap-web-1-20260101', ruleKey: 'daily_1' });
    expect(created).toMatchObject({ status: 'creating', managed: true, ruleKey: 'daily_1' });
    expect(fake.state.images.get(Number(created.id))?.labels).toEqual({
      'managed-by': 'volsnap',
      'volsnap-rule': 'daily_1',
    });
    expect((await client.getSnapshot(target, created.id)).status).toBe('creating');
    expect((await client.getSnapshot(target, created.id)).status).toBe('creating');
    expect(await client.getSnapshot(target, created.id)).toMatchObject({ status: 'available', sizeGb: 2.1 });
    const list = await client.listSnapshots(target);
    expect(list).toHaveLength(4);
    expect(list.filter((x) => x.managed).map((x) => x.id)).toEqual([created.id]);
    await client.deleteSnapshot(target, created.id);
    expect(fake.state.images.has(Number(created.id))).toBe(false);
  });

  it('refuses to delete a protected image before calling DELETE', async () => {
    const client = await setup();
    const s = fake.addServer({ name: 'web-1' });
    const img = fake.addImage(s.id, {
      description: 'volsnap-keep',
      labels: { 'managed-by': 'volsnap' },
      protectedDelete: true,
    });
    const e = await failure(guard, () => client.deleteSnapshot(serverTarget(s.id), String(img.id)));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('protected against deletion');
    expect(fake.stats.byRoute['DELETE /v1/images/:id']).toBeUndefined();
    expect(fake.state.images.has(img.id)).toBe(true);
  });

  describe('errors', () => {
    it('401 token invalid', async () => {
      const client = await setup({}, WRONG);
      const e = await failure(guard, () => client.verify());
      expect(e.code).toBe('token_invalid');
      expect(e.message).toMatch(/^Hetzner Cloud rejected the token \(401\)/);
      expect(e.message).toContain('https://console.hetzner.com/');
      expect(e.toData().requestId).toMatch(/^corr-/);
    });

    it('403 read-only token: permission missing, names Read & Write', async () => {
      const client = await setup({ readOnly: true });
      const s = fake.addServer({ name: 'web-1' });
      const e = await failure(guard, () =>
        client.createSnapshot(serverTarget(s.id), { name: 'volsnap-x', ruleKey: 'r1' }),
      );
      expect(e.code).toBe('permission_missing');
      expect(e.message).toContain('"Read & Write" permission');
      expect(e.message).toContain('read-only');
    });

    it('404 not found', async () => {
      const client = await setup();
      const e = await failure(guard, () => client.getSnapshot(serverTarget(1), '999'));
      expect(e.code).toBe('not_found');
      expect(e.message).toMatch(/Hetzner Cloud could not find it/);
    });

    it('resource_limit_exceeded: provider limit', async () => {
      const client = await setup({ imageLimit: 1 });
      const s = fake.addServer({ name: 'web-1' });
      fake.addImage(s.id, { description: 'old' });
      const e = await failure(guard, () =>
        client.createSnapshot(serverTarget(s.id), { name: 'volsnap-x', ruleKey: 'r1' }),
      );
      expect(e.code).toBe('provider_limit');
      expect(e.message).toContain('snapshot limit exceeded');
    });

    it('locked: target busy (transient)', async () => {
      const client = await setup({ imagePolls: 5 });
      const s = fake.addServer({ name: 'web-1' });
      await client.createSnapshot(serverTarget(s.id), { name: 'volsnap-a', ruleKey: 'r1' });
      const e = await failure(guard, () =>
        client.createSnapshot(serverTarget(s.id), { name: 'volsnap-b', ruleKey: 'r1' }),
      );
      expect(e.code).toBe('target_busy');
      expect(e.transient).toBe(true);
      expect(e.message).toContain('server is locked');
    });

    it('429 rate_limit_exceeded beyond the allowance: rate limited', async () => {
      const client = await setup({}, TOKEN, { retry: { maxRateLimitRetries: 0 } });
      fake.faults.rateLimitStorm = 1;
      const e = await failure(guard, () => client.verify());
      expect(e.code).toBe('rate_limited');
      expect(e.transient).toBe(true);
    });

    it('persistent 5xx: provider unavailable', async () => {
      const client = await setup();
      fake.faults.errorRates = { 502: 1 };
      const e = await failure(guard, () => client.verify());
      expect(e.code).toBe('provider_unavailable');
      expect(e.message).toContain('HTTP 502');
    });

    it('invalid input from the server', async () => {
      const client = await setup();
      const e = await failure(guard, () =>
        client.http.request({ method: 'GET', path: '/v1/servers', query: { per_page: 500 }, action: 'list servers' }),
      );
      expect(e.code).toBe('invalid_input');
      expect(e.message).toContain("invalid input in field 'per_page'");
    });
  });

  it('connection reset after create_image was accepted: unknown outcome, image exists', async () => {
    const client = await setup();
    const s = fake.addServer({ name: 'web-1' });
    fake.faults.resetAfterAccept = { count: 1, route: 'POST /v1/servers/:id/actions/create_image' };
    const e = await failure(guard, () =>
      client.createSnapshot(serverTarget(s.id), { name: 'volsnap-lost', ruleKey: 'r1' }),
    );
    expect(e).toMatchObject({ code: 'provider_unavailable', transient: true, outcomeUnknown: true });
    const found = (await client.listSnapshots(serverTarget(s.id))).find((x) => x.name === 'volsnap-lost');
    expect(found).toMatchObject({ managed: true, ruleKey: 'r1' });
  });
});
