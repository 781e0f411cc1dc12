/**
 * The Google Cloud client against the stateful Compute Engine emulator:
 * sign-in with a service-account key, token caching and refresh, paged
 * aggregated disks, create + operation polling, operation errors, snapshots
 * that fail after their operation, lost replies made safe by requestId,
 * label-filtered listing, deletion, and malformed answers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../support/manual-clock';
import { createProviderClient } from '../../../src/main/providers';
import { GcpClient } from '../../../src/main/providers/gcp/client';
import { gceSnapshotName } from '../../../src/main/providers/gcp/names';
import type { ProviderTarget } from '../../../src/main/providers/types';
import { createTestServiceAccount, keyFileOf } from '../../fakes/gcp-oauth';
import { GCP_CREATE_ROUTE, startGcpFake, type GcpFake } from '../../fakes/gcp';
import { failure, fastOptions, guardSecrets } from './helpers';

let fake: GcpFake;
const noWait = { sleep: async () => undefined };
const client = (extra = {}) => new GcpClient(fake.keyFile(), fastOptions(fake.url, [], { ...noWait, ...extra }));

beforeAll(async () => {
  fake = await startGcpFake({ record: true });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.res.disks.clear();
  fake.res.snapshots.clear();
  fake.failNextOperations = [];
  fake.failNextSnapshots = 0;
  fake.faults.resetAfterAccept = { count: 0 };
});

// Neither the private key (any line of its PEM body) nor any access token the
// emulator issued may appear in a log line or an error. Filled in before the
// guard's own check runs (after-hooks run in reverse order).
const secrets: string[] = [];
const guard = guardSecrets(secrets);
afterAll(() => {
  secrets.push(...fake.issuedTokens);
  secrets.push(...fake.account.privateKeyPem.split('\n').filter((l) => l.length > 40 && !l.startsWith('-----')));
  expect(secrets.length).toBeGreaterThan(5);
});

async function oneDisk(name = 'db-data', zone = 'europe-west1-b'): Promise<{ c: GcpClient; target: ProviderTarget }> {
  fake.addDisk({ name, zone, sizeGb: 50, users: ['web-1'], labels: { env: 'prod' } });
  const c = client();
  const target = (await c.listTargets()).find((t) => t.name === name && t.region === zone)!;
  return { c, target };
}

describe('service-account sign-in', () => {
  it('verify proves the key and names the project and account', async () => {
    const info = await client().verify();
    expect(info.description).toContain(fake.project);
    expect(info.description).toContain(fake.account.clientEmail);
  });

  it('a key whose signature Google cannot verify is refused as token_invalid, without the key in the message', async () => {
    const other = createTestServiceAccount(fake.project);
    const forged = keyFileOf({ ...other, clientEmail: fake.account.clientEmail }, `${fake.url}/token`);
    const err = await failure(guard, () => new GcpClient(forged, fastOptions(fake.url, [], noWait)).verify());
    expect(err.code).toBe('token_invalid');
    expect(err.message).toMatch(/Invalid JWT Signature/);
    expect(err.message).toContain('console.cloud.google.com');
    expect(err.message).not.toContain('PRIVATE KEY');
  });

  it('a malformed key is refused before any request, naming the problem', () => {
    const before = fake.stats.total;
    expect(() => createProviderClient('gcp', '{"type":"service_account"}', { baseUrl: fake.url })).toThrow(
      /lacks "project_id"/,
    );
    expect(fake.stats.total).toBe(before);
  });

  it('caches the access token until shortly before it expires', async () => {
    // An emulator on the same manual clock, so its check of the JWT's iat/exp agrees.
    const clock = new ManualClock(new Date());
    const timed = await startGcpFake({ now: () => clock.now().getTime() });
    try {
      const c = new GcpClient(timed.keyFile(), fastOptions(timed.url, [], { ...noWait, clock }));
      await c.verify();
      await c.listTargets();
      await c.verify();
      expect(timed.tokenRequests).toBe(1);
      clock.advance(54 * 60_000); // still more than 5 minutes left
      await c.verify();
      expect(timed.tokenRequests).toBe(1);
      clock.advance(2 * 60_000); // within 5 minutes of expiry: renewed
      await c.verify();
      expect(timed.tokenRequests).toBe(2);
      expect(timed.stats.unauthorized).toBe(0);
    } finally {
      await timed.close();
    }
  });

  it('an assertion from a clock far off is refused with advice about the clock', async () => {
    const clock = new ManualClock(new Date(Date.now() + 2 * 3_600_000));
    const err = await failure(guard, () => client({ clock }).verify());
    expect(err.code).toBe('token_invalid');
    expect(err.message).toMatch(/clock may be wrong/);
  });

  it('a token answer that is not an access token is an error, not a blank token', async () => {
    fake.malformNext.set('POST /token', { access_token: 'ya29.short-lived', token_type: 'Bearer' });
    const err = await failure(guard, () => client().verify());
    expect(err.code).toBe('provider_unavailable');
    // Read by the shared reader: its words, the missing field named, nothing quoted.
    expect(err.message).toMatch(/Google Cloud sign-in sent an answer volsnap could not understand/);
    expect(err.message).toMatch(/expires_in is missing/);
    expect(err.message).not.toMatch(/ya29/);
    expect(err.options.transient).toBe(true);
  });

  it('a revoked access token (401) is replaced once and the call succeeds', async () => {
    const c = client();
    await c.verify();
    const tokensBefore = fake.tokenRequests;
    const unauthorizedBefore = fake.stats.unauthorized;
    fake.revokeTokens();
    await expect(c.verify()).resolves.toBeTruthy();
    expect(fake.stats.unauthorized - unauthorizedBefore).toBe(1);
    expect(fake.tokenRequests - tokensBefore).toBe(1);
  });

  it('a 401 that persists with a fresh token is token_invalid after exactly one refresh', async () => {
    const c = client();
    await c.verify();
    const tokensBefore = fake.tokenRequests;
    fake.acceptTokens = false;
    try {
      const err = await failure(guard, () => c.verify());
      expect(err.code).toBe('token_invalid');
      expect(err.message).toMatch(/Google Cloud rejected the token \(401\)/);
      expect(fake.tokenRequests - tokensBefore).toBe(1);
    } finally {
      fake.acceptTokens = true;
    }
  });
});

describe('disks', () => {
  it('lists every disk of every zone across aggregated pages of 500', async () => {
    const zones = ['europe-west1-b', 'us-central1-a', 'asia-east1-c'];
    for (let i = 0; i < 1203; i++) fake.addDisk({ name: `disk-${i}`, zone: zones[i % 3]!, sizeGb: 10 + (i % 7) });
    fake.addDisk({ name: 'shared', zone: null, region: 'europe-west1', sizeGb: 200 });
    fake.addDisk({ name: 'boot', zone: 'europe-west1-b', users: ['web-1'], labels: { env: 'prod', team: '' } });
    const before = fake.stats.byRoute[`GET /compute/v1/projects/:project/aggregated/disks`] ?? 0;
    const targets = await client().listTargets();
    expect(targets).toHaveLength(1205);
    expect(fake.stats.byRoute[`GET /compute/v1/projects/:project/aggregated/disks`]! - before).toBe(3);
    expect(new Set(targets.map((t) => t.providerId)).size).toBe(1205);
    const boot = targets.find((t) => t.name === 'boot')!;
    expect(boot).toMatchObject({
      providerId: 'europe-west1-b/boot',
      region: 'europe-west1-b',
      sizeGb: 100,
      attachedTo: 'web-1',
      tags: ['env=prod', 'team'],
      snapshotable: true,
    });
    const regional = targets.find((t) => t.name === 'shared')!;
    expect(regional).toMatchObject({ region: 'europe-west1', snapshotable: false });
    expect(regional.unsupportedReason).toMatch(/Regional persistent disks/);
    const pages = fake.recorded.filter((r) => r.route.endsWith('/aggregated/disks')).slice(-3);
    for (const p of pages) expect(new URLSearchParams(p.query).get('maxResults')).toBe('500');
  });
});

describe('snapshots', () => {
  it('creates with a Google-valid name, labels and requestId, then polls the operation and the snapshot to READY', async () => {
    const { c, target } = await oneDisk();
    const request = { name: 'volsnap-DB_data.1-20240610T010000Z', ruleKey: 'r1-abc123' };
    const created = await c.createSnapshot(target, request);
    expect(created.status).toBe('creating');
    expect(created.id).toMatch(/@europe-west1-b\/operation-/);
    const post = fake.recorded.filter((r) => r.route === GCP_CREATE_ROUTE).at(-1)!;
    const body = post.requestBody as { name: string; labels: Record<string, string>; description: string };
    expect(body.name).toMatch(/^volsnap-db-data-1-20240610t010000z-[0-9a-f]{8}$/);
    expect(body.labels).toEqual({ managed_by: 'volsnap', volsnap_rule: 'r1-abc123' });
    expect(new URLSearchParams(post.query).get('requestId')).toMatch(/^[0-9a-f-]{36}$/);

    const seen: string[] = [];
    let snap = created;
    for (let i = 0; i < 10 && snap.status === 'creating'; i++) {
      snap = await c.getSnapshot(target, snap.id);
      seen.push(`${snap.status}:${snap.id.includes('@') ? 'op' : 'name'}`);
    }
    // Operation RUNNING, then DONE with the snapshot UPLOADING, then READY.
    expect(seen).toEqual(['creating:op', 'creating:name', 'available:name']);
    expect(snap).toMatchObject({ id: body.name, name: request.name, managed: true, ruleKey: 'r1-abc123' });
    expect(snap.sizeGb).toBeGreaterThan(0);
    expect(fake.res.snapshots.get(body.name)!.status).toBe('READY');
  });

  it('two disks of the same name in two zones get distinct snapshots in one slot', async () => {
    fake.addDisk({ name: 'data', zone: 'europe-west1-b' });
    fake.addDisk({ name: 'data', zone: 'us-central1-a' });
    const c = client();
    const [a, b] = await c.listTargets();
    const request = { name: 'volsnap-data-20240610T010000Z', ruleKey: 'r1-abc123' };
    await c.createSnapshot(a!, request);
    await c.createSnapshot(b!, request);
    expect(fake.res.snapshots.size).toBe(2);
  });

  it('an operation that ends at once with RESOURCE_OPERATION_RATE_EXCEEDED is rate_limited; the retry gets a new requestId', async () => {
    const { c, target } = await oneDisk();
    fake.failNextOperations = [
      { code: 'RESOURCE_OPERATION_RATE_EXCEEDED', message: 'Operation rate exceeded for resource', when: 'at-once' },
    ];
    const request = { name: 'volsnap-db-data-20240610T020000Z', ruleKey: 'r1-abc123' };
    const err = await failure(guard, () => c.createSnapshot(target, request));
    expect(err.code).toBe('rate_limited');
    expect(err.transient).toBe(true);
    expect(err.message).toContain('RESOURCE_OPERATION_RATE_EXCEEDED');
    expect(fake.res.snapshots.size).toBe(0);
    const retried = await c.createSnapshot(target, request);
    expect(retried.status).toBe('creating');
    const ids = fake.recorded
      .filter((r) => r.route === GCP_CREATE_ROUTE)
      .slice(-2)
      .map((r) => new URLSearchParams(r.query).get('requestId'));
    expect(ids[0]).not.toBe(ids[1]);
    expect(fake.res.snapshots.size).toBe(1);
  });

  it('an operation that ends later with QUOTA_EXCEEDED makes the snapshot an error naming the quota', async () => {
    const { c, target } = await oneDisk();
    fake.failNextOperations = [{ code: 'QUOTA_EXCEEDED', message: "Quota 'SNAPSHOTS' exceeded.", when: 'on-poll' }];
    const created = await c.createSnapshot(target, { name: 'volsnap-db-data-x', ruleKey: 'r1-abc123' });
    expect(created.status).toBe('creating');
    const polled = await c.getSnapshot(target, created.id);
    expect(polled.status).toBe('error');
    expect(polled.error).toMatch(/quota was reached \(QUOTA_EXCEEDED: Quota 'SNAPSHOTS' exceeded\.\)/);
  });

  it('a snapshot that turns FAILED after its operation is DONE is an error', async () => {
    const { c, target } = await oneDisk();
    fake.failNextSnapshots = 1;
    let snap = await c.createSnapshot(target, { name: 'volsnap-db-data-y', ruleKey: 'r1-abc123' });
    for (let i = 0; i < 5 && snap.status === 'creating'; i++) snap = await c.getSnapshot(target, snap.id);
    expect(snap.status).toBe('error');
    expect(snap.error).toMatch(/FAILED/);
    expect([...fake.res.operations.values()].at(-1)!.error).toBeUndefined();
  });

  it('a lost reply to createSnapshot, retried with the same requestId, makes exactly one snapshot', async () => {
    const { c, target } = await oneDisk();
    const opsBefore = fake.res.operations.size;
    fake.faults.resetAfterAccept = { count: 1, route: GCP_CREATE_ROUTE };
    const request = { name: 'volsnap-db-data-20240610T030000Z', ruleKey: 'r1-abc123' };
    const err = await failure(guard, () => c.createSnapshot(target, request));
    expect(err.outcomeUnknown).toBe(true);
    const again = await c.createSnapshot(target, request);
    expect(again.status).toBe('creating');
    expect(fake.res.snapshots.size).toBe(1);
    expect(fake.res.operations.size - opsBefore).toBe(1);
  });

  it('a name already taken by our own earlier create is adopted; a foreign one is a conflict', async () => {
    const { c, target } = await oneDisk();
    const request = { name: 'volsnap-db-data-z', ruleKey: 'r1-abc123' };
    const first = await c.createSnapshot(target, request);
    fake.res.byRequestId.clear(); // Google forgot the requestId (its memory is limited)
    const adopted = await c.createSnapshot(target, request);
    expect(adopted.id).toBe(first.id.split('@')[0]);
    expect(fake.res.snapshots.size).toBe(1);

    const foreign = { name: 'volsnap-db-data-w', ruleKey: 'r1-abc123' };
    fake.addSnapshot({ name: gceSnapshotName(foreign.name, target.providerId), diskKey: 'europe-west1-b/db-data' });
    const err = await failure(guard, () => c.createSnapshot(target, foreign));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/did not make/);
  });

  it('lists only volsnap-labelled snapshots of this disk, across pages, with the label filter sent to Google', async () => {
    const { c, target } = await oneDisk();
    fake.addDisk({ name: 'other', zone: 'europe-west1-b' });
    const labels = { managed_by: 'volsnap', volsnap_rule: 'r7-abc123' };
    for (let i = 0; i < 520; i++) {
      fake.addSnapshot({
        name: `volsnap-db-data-${String(i).padStart(4, '0')}`,
        diskKey: 'europe-west1-b/db-data',
        labels,
        description: `volsnap snapshot: volsnap-db-data-${i}`,
      });
    }
    fake.addSnapshot({ name: 'manual-before-upgrade', diskKey: 'europe-west1-b/db-data' });
    fake.addSnapshot({ name: 'volsnap-by-hand', diskKey: 'europe-west1-b/db-data', labels: { other: 'x' } });
    fake.addSnapshot({ name: 'volsnap-other-1', diskKey: 'europe-west1-b/other', labels });
    const listed = await c.listSnapshots(target);
    expect(listed).toHaveLength(520);
    expect(listed.every((s) => s.managed && s.ruleKey === 'r7-abc123' && s.status === 'available')).toBe(true);
    expect(listed.find((s) => s.id === 'volsnap-db-data-0007')!.name).toBe('volsnap-db-data-7');
    const lists = fake.recorded.filter((r) => r.route === 'GET /compute/v1/projects/:project/global/snapshots');
    expect(new URLSearchParams(lists.at(-1)!.query).get('filter')).toBe('labels.managed_by = "volsnap"');
    expect(new URLSearchParams(lists.at(-1)!.query).get('pageToken')).toBeTruthy();
  });

  it('deletes by name with a requestId and follows the operation; a running create cannot be deleted yet', async () => {
    const { c, target } = await oneDisk();
    let snap = await c.createSnapshot(target, { name: 'volsnap-db-data-d', ruleKey: 'r1-abc123' });
    const busy = await failure(guard, () => c.deleteSnapshot(target, snap.id));
    expect(busy.code).toBe('target_busy');
    while (snap.status === 'creating') snap = await c.getSnapshot(target, snap.id);
    await c.deleteSnapshot(target, snap.id);
    expect(fake.res.snapshots.has(snap.id)).toBe(false);
    const del = fake.recorded.filter((r) => r.method === 'DELETE').at(-1)!;
    expect(new URLSearchParams(del.query).get('requestId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.recorded.at(-1)!.route).toBe('GET /compute/v1/projects/:project/global/operations/:operation');
    // The same deletion again carries the same requestId: Google answers with the finished operation.
    await expect(c.deleteSnapshot(target, snap.id)).resolves.toBeUndefined();
    const gone = await failure(guard, () => c.deleteSnapshot(target, 'volsnap-never-existed'));
    expect(gone.code).toBe('not_found');
  });
});

describe('fault matrix', () => {
  it('5xx and lost replies on reads are retried; the listing is complete', async () => {
    for (let i = 0; i < 30; i++) fake.addDisk({ name: `f-${i}`, zone: 'europe-west1-b' });
    const c = client();
    await c.verify();
    fake.faults.errorRates = { 500: 0.3, 502: 0.1 };
    fake.faults.resetAfterAccept = { count: 1, route: 'GET /compute/v1/projects/:project/aggregated/disks' };
    try {
      const c2 = new GcpClient(
        fake.keyFile(),
        fastOptions(fake.url, [], { ...noWait, retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 2 } }),
      );
      expect(await c2.listTargets()).toHaveLength(30);
    } finally {
      fake.faults.errorRates = {};
    }
    expect(fake.stats.injectedErrors).toBeGreaterThan(0);
  });

  it('a 503 on createSnapshot is retried (Google did nothing); a 500 is an unknown outcome, safe to repeat', async () => {
    const { c, target } = await oneDisk();
    const injected = fake.stats.injectedErrors;
    fake.faults.errorRates = { 503: 1 };
    const unavailable = await failure(guard, () =>
      c.createSnapshot(target, { name: 'volsnap-f-1', ruleKey: 'r1-abc123' }),
    );
    fake.faults.errorRates = {};
    expect(unavailable.code).toBe('provider_unavailable');
    expect(unavailable.transient).toBe(true);
    expect(fake.stats.injectedErrors - injected).toBe(3); // fastOptions: 3 attempts
    expect(fake.res.snapshots.size).toBe(0);
    fake.faults.errorRates = { 500: 1 };
    const unknown = await failure(guard, () => c.createSnapshot(target, { name: 'volsnap-f-1', ruleKey: 'r1-abc123' }));
    fake.faults.errorRates = {};
    expect(unknown.outcomeUnknown).toBe(true);
    await c.createSnapshot(target, { name: 'volsnap-f-1', ruleKey: 'r1-abc123' });
    expect(fake.res.snapshots.size).toBe(1);
  });

  it('a 429 storm is ridden out within the budget', async () => {
    const c = client();
    await c.verify();
    const limited = fake.stats.rateLimited;
    fake.faults.rateLimitStorm = 2;
    fake.faults.stormRetryAfterSeconds = 0;
    try {
      await expect(c.verify()).resolves.toBeTruthy();
    } finally {
      fake.faults.stormRetryAfterSeconds = 1;
    }
    expect(fake.stats.rateLimited - limited).toBe(2);
  });
});

describe('permissions', () => {
  it('a missing IAM permission is permission_missing, naming it', async () => {
    const { c, target } = await oneDisk();
    fake.deniedPermissions.add('compute.disks.createSnapshot');
    try {
      const err = await failure(guard, () => c.createSnapshot(target, { name: 'volsnap-p', ruleKey: 'r1-abc123' }));
      expect(err.code).toBe('permission_missing');
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(/compute\.disks\.createSnapshot/);
      expect(fake.res.snapshots.size).toBe(0);
    } finally {
      fake.deniedPermissions.clear();
    }
  });
});

describe('malformed answers are errors, never success or empty', () => {
  const cases: [string, unknown, (c: GcpClient, t: ProviderTarget) => Promise<unknown>][] = [
    [
      'GET /compute/v1/projects/:project/aggregated/disks',
      { items: { 'zones/x': { disks: [{ name: 7 }] } } },
      (c) => c.listTargets(),
    ],
    ['GET /compute/v1/projects/:project/global/snapshots', { items: 'none' }, (c, t) => c.listSnapshots(t)],
    ['GET /compute/v1/projects/:project', { id: '1' }, (c) => c.verify()],
    [
      GCP_CREATE_ROUTE,
      { name: 'op-1', status: 'FINISHED' },
      (c, t) => c.createSnapshot(t, { name: 'volsnap-m', ruleKey: 'r1-abc123' }),
    ],
    [
      'GET /compute/v1/projects/:project/global/snapshots/:snapshot',
      { name: 'volsnap-x', status: 'GREAT' },
      (c, t) => c.getSnapshot(t, 'volsnap-x'),
    ],
  ];
  for (const [route, body, call] of cases) {
    it(route, async () => {
      const { c, target } = await oneDisk();
      fake.malformNext.set(route, body);
      const err = await failure(guard, () => call(c, target));
      expect(err.code).toBe('provider_unavailable');
      expect(err.message).toMatch(/Google Cloud sent an answer volsnap could not understand/);
      // A create whose answer cannot be read may have been carried out: the engine must look before it retries.
      expect(err.options.outcomeUnknown ?? false).toBe(route === GCP_CREATE_ROUTE);
      expect(fake.malformNext.size).toBe(0);
    });
  }
});
