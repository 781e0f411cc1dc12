/**
 * The DigitalOcean emulator's answers and the client's requests, checked
 * against DigitalOcean's official OpenAPI spec for every endpoint volsnap uses.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderClient } from '../../../src/main/providers';
import type { ProviderTarget } from '../../../src/main/providers/types';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes/digitalocean';
import { fastOptions } from './helpers';
import { loadSpecValidator, type SpecValidator } from './openapi-validator';

// The spec lives in the shared folder beside the repository (not copied in: 3 MB).
const candidates = [
  process.env.VOLSNAP_DO_SPEC,
  resolve(process.cwd(), '../shared/specs/digitalocean-v2.openapi.yaml'),
  '/work/shared/specs/digitalocean-v2.openapi.yaml',
].filter((p): p is string => Boolean(p));
const specFile = candidates.find((p) => existsSync(p)) ?? candidates[0]!;
const TOKEN = 'dop_v1_SECRET_conformance_51c0ffee';

let validator: SpecValidator;
let fake: DigitalOceanFake;

beforeAll(async () => {
  validator = loadSpecValidator(specFile);
  fake = await startDigitalOceanFake({ token: TOKEN, record: true, actionPolls: 1 });
});
afterAll(async () => {
  await fake.close();
});

describe('DigitalOcean emulator and client conform to the OpenAPI spec', () => {
  it('the validator catches a wrong body (it can fail)', () => {
    const problems = validator.check({
      method: 'POST',
      route: 'POST /v2/volumes/:volume_id/snapshots',
      path: '/v2/volumes/0b7c4a39-8d0a-4b1e-9e0c-1b2b3c4d5e6f/snapshots',
      query: '',
      requestBody: { tags: ['x'] },
      status: 201,
      responseBody: { snapshot: { id: 5 } },
      responseHeaders: {},
    });
    expect(problems.join('\n')).toMatch(/request body.*name/);
    expect(problems.join('\n')).toMatch(/response body/);
  });

  it('a full lifecycle plus error answers validate', async () => {
    const client = createProviderClient('digitalocean', TOKEN, fastOptions(fake.url));
    const d = fake.addDroplet({ name: 'web-1', region: 'nyc3' });
    fake.addDropletImage(d.id, 'nightly-backup', 'backup');
    const vols = fake.seedVolumes(230, { regions: ['fra1', 'nyc3'] });
    vols[0]!.dropletIds = [d.id];
    fake.addVolumeSnapshot(vols[0]!.id, 'manual');

    await client.verify();
    const targets = await client.listTargets();
    const volume = targets.find((t) => t.providerId === vols[0]!.id)!;
    const server = targets.find((t) => t.kind === 'server')!;
    const vs = await client.createSnapshot(volume, { name: 'volsnap-data-1', ruleKey: 'r1' });
    await client.getSnapshot(volume, vs.id);
    await client.listSnapshots(volume);
    let ds = await client.createSnapshot(server, { name: 'volsnap-web-1', ruleKey: 'r1' });
    while (ds.status === 'creating') ds = await client.getSnapshot(server, ds.id);
    await client.getSnapshot(server, ds.id);
    await client.listSnapshots(server);
    await client.deleteSnapshot(volume, vs.id);
    await client.deleteSnapshot(server, ds.id);

    // Error answers: 401, 404, 422, 429.
    const wrong = createProviderClient('digitalocean', 'dop_v1_SECRET_wrong_conformance', fastOptions(fake.url));
    await expect(wrong.verify()).rejects.toMatchObject({ code: 'token_invalid' });
    const missing: ProviderTarget = { ...volume, providerId: '00000000-0000-4000-8000-000000000000' };
    await expect(client.listSnapshots(missing)).rejects.toMatchObject({ code: 'not_found' });
    fake.perVolumeSnapshotLimit = 2; // "manual" + one more
    await expect(client.createSnapshot(volume, { name: 'volsnap-data-2', ruleKey: 'r1' })).resolves.toBeTruthy();
    await expect(client.createSnapshot(volume, { name: 'volsnap-data-3', ruleKey: 'r1' })).rejects.toMatchObject({
      code: 'provider_limit',
    });
    fake.faults.rateLimitStorm = 1;
    await client.verify();

    const problems = fake.recorded.flatMap((ex) => validator.check(ex));
    expect(problems).toEqual([]);
    const statuses = new Set(fake.recorded.map((e) => e.status));
    for (const s of [200, 201, 204, 401, 404, 422, 429]) expect(statuses).toContain(s);
    expect([...validator.operations].sort()).toEqual(
      [
        'DELETE /v2/snapshots/{snapshot_id}',
        'DELETE /v2/volumes/snapshots/{snapshot_id}',
        'GET /v2/account',
        'GET /v2/actions/{action_id}',
        'GET /v2/droplets',
        'GET /v2/droplets/{droplet_id}/snapshots',
        'GET /v2/images',
        'GET /v2/snapshots/{snapshot_id}',
        'GET /v2/volumes',
        'GET /v2/volumes/snapshots/{snapshot_id}',
        'GET /v2/volumes/{volume_id}/snapshots',
        'POST /v2/droplets/{droplet_id}/actions',
        'POST /v2/tags',
        'POST /v2/tags/{tag_id}/resources',
        'POST /v2/volumes/{volume_id}/snapshots',
      ].sort(),
    );
  });
});
