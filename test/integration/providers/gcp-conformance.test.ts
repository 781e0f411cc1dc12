/**
 * The Google Cloud emulator's answers and the client's requests, checked
 * against Google's Compute Engine discovery document (the subset volsnap uses,
 * test/fixtures/gcp/compute.v1.subset.json; origin in the README beside it).
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GcpClient } from '../../../src/main/providers/gcp/client';
import { gceSnapshotName } from '../../../src/main/providers/gcp/names';
import { GCP_CREATE_ROUTE, startGcpFake, type GcpFake } from '../../fakes/gcp';
import { loadDiscoveryValidator, type DiscoveryValidator } from './discovery-validator';
import { fastOptions } from './helpers';

const fixture = resolve(__dirname, '../../fixtures/gcp/compute.v1.subset.json');
let validator: DiscoveryValidator;
let fake: GcpFake;

beforeAll(async () => {
  validator = loadDiscoveryValidator(fixture);
  fake = await startGcpFake({ record: true });
});
afterAll(async () => {
  await fake.close();
});

const exchange = (over: Partial<Parameters<DiscoveryValidator['check']>[0]>) => ({
  method: 'POST',
  route: GCP_CREATE_ROUTE,
  path: '/compute/v1/projects/p-1/zones/europe-west1-b/disks/data/createSnapshot',
  query: '?requestId=6f1c1d8e-3a1b-5c2d-9e4f-0a1b2c3d4e5f',
  requestBody: { name: 'volsnap-data-1', labels: { managed_by: 'volsnap' } },
  status: 200,
  responseBody: { kind: 'compute#operation', name: 'operation-1', status: 'PENDING' },
  responseHeaders: {},
  ...over,
});

describe('Google Cloud emulator and client conform to the Compute discovery document', () => {
  it('the validator accepts a good exchange and catches bad ones (it can fail)', () => {
    expect(validator.check(exchange({}))).toEqual([]);
    const bad = [
      validator.check(exchange({ requestBody: { name: 'Volsnap_Data' } })),
      validator.check(exchange({ requestBody: { labels: {} } })),
      validator.check(exchange({ query: '?requestId=1&guestFlush=maybe' })),
      validator.check(exchange({ responseBody: { name: 'operation-1', status: 'FINISHED' } })),
      validator.check(exchange({ responseBody: { name: 'operation-1', status: 'DONE', invented: true } })),
      validator.check(
        exchange({
          route: 'GET /compute/v1/projects/:project/global/snapshots',
          query: '?maxResults=-1',
          requestBody: undefined,
        }),
      ),
      validator.check(exchange({ status: 404, responseBody: { message: 'not found' } })),
      validator.check(exchange({ route: 'POST /compute/v1/projects/:project/global/snapshots' })),
    ].map((p) => p.join('\n'));
    expect(bad[0]).toMatch(/name.*pattern/);
    expect(bad[1]).toMatch(/lacks "name", required by compute.disks.createSnapshot/);
    expect(bad[2]).toMatch(/guestFlush=maybe not boolean/);
    expect(bad[3]).toMatch(/response body.*allowed values/);
    expect(bad[4]).toMatch(/additional properties/);
    expect(bad[5]).toMatch(/maxResults=-1 below 0/);
    expect(bad[6]).toMatch(/error body/);
    expect(bad[7]).toMatch(/no such method/);
  });

  it('a full lifecycle plus error answers validate', async () => {
    const opts = fastOptions(fake.url, [], { sleep: async () => undefined, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const client = new GcpClient(fake.keyFile(), opts);
    fake.addDisk({ name: 'db-data', zone: 'europe-west1-b', users: ['web-1'], labels: { env: 'prod' } });
    for (let i = 0; i < 510; i++) fake.addDisk({ name: `disk-${i}`, zone: i % 2 ? 'us-central1-a' : 'europe-west1-c' });
    fake.addDisk({ name: 'shared', zone: null, region: 'europe-west1' });
    fake.addSnapshot({ name: 'manual-1', diskKey: 'europe-west1-b/db-data' });

    await client.verify();
    const target = (await client.listTargets()).find((t) => t.name === 'db-data')!;
    let snap = await client.createSnapshot(target, { name: 'volsnap-db-data-1', ruleKey: 'r1-abc123' });
    while (snap.status === 'creating') snap = await client.getSnapshot(target, snap.id);
    await client.listSnapshots(target);
    await client.deleteSnapshot(target, snap.id);

    // Failures: operation errors, 401 (revoked token), 403, 404, 409, 429, 503.
    fake.failNextOperations = [{ code: 'RESOURCE_OPERATION_RATE_EXCEEDED', message: 'Too frequent', when: 'at-once' }];
    await expect(
      client.createSnapshot(target, { name: 'volsnap-db-data-2', ruleKey: 'r1-abc123' }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    fake.failNextOperations = [{ code: 'QUOTA_EXCEEDED', message: 'Quota exceeded', when: 'on-poll' }];
    const quota = await client.createSnapshot(target, { name: 'volsnap-db-data-3', ruleKey: 'r1-abc123' });
    await expect(client.getSnapshot(target, quota.id)).resolves.toMatchObject({ status: 'error' });
    fake.revokeTokens();
    await client.verify();
    await expect(client.deleteSnapshot(target, 'volsnap-gone')).rejects.toMatchObject({ code: 'not_found' });
    fake.res.byRequestId.clear();
    fake.addSnapshot({
      name: gceSnapshotName('volsnap-db-data-9', target.providerId),
      diskKey: 'europe-west1-b/db-data',
    });
    await expect(
      client.createSnapshot(target, { name: 'volsnap-db-data-9', ruleKey: 'r1-abc123' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    fake.deniedPermissions.add('compute.snapshots.list');
    await expect(client.listSnapshots(target)).rejects.toMatchObject({ code: 'permission_missing' });
    fake.deniedPermissions.clear();
    fake.faults.rateLimitStorm = 1;
    await client.verify();
    fake.faults.errorRates = { 503: 1 };
    await expect(client.verify()).rejects.toMatchObject({ code: 'provider_unavailable' });
    fake.faults.errorRates = {};

    const problems = fake.recorded.flatMap((ex) => validator.check(ex));
    expect(problems).toEqual([]);
    const statuses = new Set(fake.recorded.map((e) => e.status));
    for (const s of [200, 401, 403, 404, 409, 429, 503]) expect(statuses).toContain(s);
    expect([...validator.methods].sort()).toEqual(
      [
        'compute.disks.aggregatedList',
        'compute.disks.createSnapshot',
        'compute.globalOperations.get',
        'compute.projects.get',
        'compute.snapshots.delete',
        'compute.snapshots.get',
        'compute.snapshots.list',
        'compute.zoneOperations.get',
      ].sort(),
    );
  });
});
