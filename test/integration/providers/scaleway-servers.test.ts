/**
 * Scaleway servers as targets: the Instance API `backup` action makes an image
 * of all the server's volumes (local ones included); volsnap names the image
 * with the rule key (the action takes no tags), tags it at once, follows it to
 * available/error, and on retention deletes the image and then its snapshots.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient, providerInfo } from '../../../src/main/providers';
import type { ProviderClient, ProviderTarget } from '../../../src/main/providers/types';
import { startScalewayFake, type ScalewayFake, type ScalewayFakeOptions } from '../../fakes/scaleway';
import { failure, fastOptions, guardSecrets } from './helpers';

const TOKEN = 'scw_SECRET_servers_b4ckup5e';
const guard = guardSecrets([TOKEN]);
const RULE = 'r7-0f1e2d3c';

let fake: ScalewayFake;
afterEach(async () => {
  await fake?.close();
});

async function setup(opts: ScalewayFakeOptions = {}): Promise<{ client: ProviderClient; server: ProviderTarget }> {
  fake = await startScalewayFake({ token: TOKEN, ...opts });
  const web = fake.addServer({ name: 'web-1', zone: 'nl-ams-1', tags: ['prod'] });
  fake.addVolume({ name: 'web-1-data', zone: 'nl-ams-1', serverId: web.id, sizeBytes: 50e9 });
  const client = createProviderClient('scaleway', TOKEN, fastOptions(fake.url, [], { zones: ['nl-ams-1'] }));
  const server = (await client.listTargets()).find((t) => t.kind === 'server')!;
  return { client, server };
}

const request = (n = 1) => ({ name: `volsnap-web-1-2024061${n}T010000Z`, ruleKey: RULE });
const imageOf = (id: string) => fake.instance.images.get(id)!;

describe('Scaleway servers', () => {
  it("are listed in every Instance zone across pages, with their volumes' size and tags", async () => {
    fake = await startScalewayFake({ token: TOKEN });
    for (let i = 0; i < 130; i += 1) fake.addServer({ name: `srv-${i}`, zone: 'fr-par-2' });
    fake.addServer({ name: 'milan', zone: 'it-mil-1', tags: ['eu'] });
    const client = createProviderClient('scaleway', TOKEN, fastOptions(fake.url));
    const servers = (await client.listTargets()).filter((t) => t.kind === 'server');
    expect(servers).toHaveLength(131);
    expect(servers.find((s) => s.name === 'milan')).toMatchObject({ region: 'it-mil-1', sizeGb: 20, tags: ['eu'] });
    expect(servers.every((s) => s.snapshotable)).toBe(true);
    // 10 zones, fr-par-2 on two pages (X-Total-Count).
    expect(fake.stats.byRoute['GET /instance/v1/zones/:zone/servers']).toBe(11);
  });

  it('a backup: the rule key in the image name, tags at once, creating -> available, every volume snapshotted', async () => {
    const { client, server } = await setup({ imagePolls: 1 });
    expect(server).toMatchObject({ region: 'nl-ams-1', sizeGb: 70, tags: ['prod'] });
    fake.record = true;
    const snap = await client.createSnapshot(server, request());
    const action = fake.recorded.find((r) => r.route.endsWith('/action'))!;
    // The backup action takes no tags: only action and name are sent.
    expect(action.requestBody).toEqual({ action: 'backup', name: `${request().name}.rule-${RULE}` });
    expect(snap).toMatchObject({ name: request().name, status: 'creating', managed: true, ruleKey: RULE });
    const image = imageOf(snap.id);
    expect(image.name).toBe(`${request().name}.rule-${RULE}`);
    expect(image.tags).toEqual(['volsnap', `volsnap-rule=${RULE}`]);
    expect(image.volumes.map((v) => v.volumeType).sort()).toEqual(['l_ssd', 'sbs_snapshot']);
    expect((await client.getSnapshot(server, snap.id)).status).toBe('creating');
    const done = await client.getSnapshot(server, snap.id);
    expect(done).toMatchObject({ status: 'available', sizeGb: 70, managed: true, ruleKey: RULE });
  });

  it('a refused tag PATCH does not fail the backup; the name proves ownership and the next poll tags it', async () => {
    const { client, server } = await setup({ imagePolls: 0 });
    fake.refuseNextImagePatches = 1;
    const snap = await client.createSnapshot(server, request());
    expect(imageOf(snap.id).tags).toEqual([]);
    expect(snap).toMatchObject({ managed: true, ruleKey: RULE });
    expect((await client.listSnapshots(server)).find((s) => s.id === snap.id)).toMatchObject({ managed: true });
    expect(await client.getSnapshot(server, snap.id)).toMatchObject({ status: 'available', ruleKey: RULE });
    expect(imageOf(snap.id).tags).toEqual(['volsnap', `volsnap-rule=${RULE}`]);
  });

  it('without href_result in the task, the image is found by its name', async () => {
    const { client, server } = await setup();
    fake.omitTaskResult = true;
    const snap = await client.createSnapshot(server, request());
    expect(imageOf(snap.id).serverId).toBe(server.providerId);
    expect(snap.name).toBe(request().name);
  });

  it("a lost reply: unknown outcome, and the lookup by name finds the image as volsnap's for the rule", async () => {
    const { client, server } = await setup();
    fake.faults.resetAfterAccept = { count: 1, route: 'POST /instance/v1/zones/:zone/servers/:id/action' };
    const e = await failure(guard, () => client.createSnapshot(server, request()));
    expect(e).toMatchObject({ code: 'provider_unavailable', outcomeUnknown: true });
    const found = (await client.listSnapshots(server)).filter((s) => s.name === request().name);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ managed: true, ruleKey: RULE });
  });

  it('lists only this server\'s images; a hand-made "volsnap-" image without the marks is not volsnap\'s', async () => {
    const { client, server } = await setup({ imagePolls: 0 });
    const ours = await client.createSnapshot(server, request());
    const db = fake.addServer({ name: 'db-1', zone: 'nl-ams-1' });
    await client.createSnapshot({ ...server, providerId: db.id, name: 'db-1' }, request(2));
    fake.addImage(server.providerId, { name: 'volsnap-by-hand', tags: ['prod'] });
    fake.addImage(server.providerId, { name: 'volsnap-public', tags: ['volsnap'], public: true });
    const listed = await client.listSnapshots(server);
    expect(listed.map((l) => [l.name, l.managed, l.ruleKey])).toEqual([
      [request().name, true, RULE],
      ['volsnap-by-hand', false, null],
    ]);
    expect(listed[0]!.id).toBe(ours.id);
  });

  it('retention deletes the image, then its snapshots; Scaleway keeps them otherwise', async () => {
    const { client, server } = await setup({ imagePolls: 0 });
    const snap = await client.createSnapshot(server, request());
    await client.getSnapshot(server, snap.id);
    const snapshotIds = imageOf(snap.id).volumes.map((v) => v.snapshotId);
    expect(snapshotIds).toHaveLength(2);
    await client.deleteSnapshot(server, snap.id);
    expect(fake.instance.images.has(snap.id)).toBe(false);
    for (const id of snapshotIds) {
      expect(fake.state.snapshots.has(id) || fake.instance.instanceSnapshots.has(id)).toBe(false);
    }
  });

  it('an interrupted deletion leaves marked snapshots: listed as the image until a retried delete sweeps them', async () => {
    const { client, server } = await setup({ imagePolls: 0 });
    const snap = await client.createSnapshot(server, request());
    await client.getSnapshot(server, snap.id);
    const other = fake.addServer({ name: 'db-1', zone: 'nl-ams-1' });
    const otherTarget = { ...server, providerId: other.id, name: 'db-1' };
    const kept = await client.createSnapshot(otherTarget, request(2));
    await client.getSnapshot(otherTarget, kept.id);
    const snapshotIds = imageOf(snap.id).volumes.map((v) => v.snapshotId);
    fake.refuseNextSnapshotDeletes = 1; // the image goes, its first snapshot is refused
    const e = await failure(guard, () => client.deleteSnapshot(server, snap.id));
    expect(e.code).toBe('target_busy');
    expect(fake.instance.images.has(snap.id)).toBe(false);
    const exists = (id: string) => fake.state.snapshots.has(id) || fake.instance.instanceSnapshots.has(id);
    expect(snapshotIds.filter(exists)).toHaveLength(2);
    // Retention still sees it, as volsnap's for the rule, under the image's id...
    const listed = await client.listSnapshots(server);
    expect(listed.map((l) => [l.id, l.managed, l.ruleKey, l.status])).toEqual([[snap.id, true, RULE, 'available']]);
    // ...but not on another server.
    expect((await client.listSnapshots(otherTarget)).map((l) => l.id)).toEqual([kept.id]);
    await client.deleteSnapshot(server, snap.id);
    expect(snapshotIds.filter(exists)).toEqual([]);
    expect(await client.listSnapshots(server)).toEqual([]);
    // The other server's backup and its snapshots are untouched.
    expect(
      imageOf(kept.id)
        .volumes.map((v) => v.snapshotId)
        .every(exists),
    ).toBe(true);
    // Nothing left to sweep: the image is reported gone.
    expect((await failure(guard, () => client.deleteSnapshot(server, snap.id))).code).toBe('not_found');
  });

  it('the emulator refuses to delete a snapshot an image still uses (so the order matters)', async () => {
    const { client, server } = await setup({ imagePolls: 0 });
    const snap = await client.createSnapshot(server, request());
    await client.getSnapshot(server, snap.id);
    const local = imageOf(snap.id).volumes.find((v) => v.volumeType === 'l_ssd')!;
    const e = await failure(guard, () =>
      (client as unknown as { http: { request: (r: object) => Promise<unknown> } }).http.request({
        method: 'DELETE',
        path: `/instance/v1/zones/nl-ams-1/snapshots/${local.snapshotId}`,
        action: 'delete a snapshot',
      }),
    );
    expect(e.message).toContain('snapshot is used by an image');
  });

  it('refuses to delete an image volsnap did not make, and waits for one still being created', async () => {
    const { client, server } = await setup({ imagePolls: 5 });
    const snap = await client.createSnapshot(server, request());
    const busy = await failure(guard, () => client.deleteSnapshot(server, snap.id));
    expect(busy).toMatchObject({ code: 'target_busy', transient: true });
    const image = imageOf(snap.id);
    Object.assign(image, { state: 'available', name: 'golden-image', tags: [] });
    const foreign = await failure(guard, () => client.deleteSnapshot(server, snap.id));
    expect(foreign.code).toBe('conflict');
    expect(foreign.message).toContain('was not made by volsnap');
    expect(fake.instance.images.has(snap.id)).toBe(true);
  });

  it('a failed backup is reported as error', async () => {
    const { client, server } = await setup({ imagePolls: 0 });
    fake.failNextBackups = 1;
    const snap = await client.createSnapshot(server, request());
    const after = await client.getSnapshot(server, snap.id);
    expect(after.status).toBe('error');
    expect(after.error).toContain('"error"');
  });

  it('a key without Instance write permission: 403 names InstancesFullAccess', async () => {
    const { client, server } = await setup({ permissions: ['block:read', 'block:write', 'instance:read'] });
    const e = await failure(guard, () => client.createSnapshot(server, request()));
    expect(e.code).toBe('permission_missing');
    expect(e.message).toContain('"InstancesFullAccess" permission');
    expect(e.message).toContain('back up server "web-1"');
    expect(fake.instance.images.size).toBe(0);
  });

  it('the account help names the permission sets servers need', () => {
    const info = providerInfo.scaleway;
    expect(info.tokenHelp).toContain('InstancesFullAccess');
    expect(info.tokenHelp).toContain('BlockStorageFullAccess');
    expect(info.tokenHelp).toContain('https://console.scaleway.com/iam/api-keys');
    expect(info.snapshots).toMatch(/servers/i);
  });
});
