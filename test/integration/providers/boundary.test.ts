/**
 * The provider boundary (issue 11, items 7, 8, 9 client side, 12): redirects,
 * answers volsnap cannot understand, creates with an unknown outcome,
 * Retry-After caps and cancellable waits, broken page links. Every client runs
 * against its emulator with a scripted fault on one request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProviderClient } from '../../../src/main/providers';
import { RequestBudget } from '../../../src/main/providers/http/budget';
import { ProviderError } from '../../../src/main/providers/types';
import { startDigitalOceanFake } from '../../fakes/digitalocean';
import { testTls, type ScriptedFault } from '../../fakes/http-fake';
import { startScalewayFake } from '../../fakes/scaleway';
import { startRecorder, type RecorderServer } from '../../fakes/recorder';
import { failure, fastOptions, guardSecrets } from './helpers';
import { rigKinds, startRig, type Call, type Rig } from './rigs';

const TOKEN = 'boundary_SECRET_token_5e1d9c0a7b3f2e4d';
const guard = guardSecrets([TOKEN]);
const HTML = '<!doctype html><html><body><h1>Welcome to the hotel network</h1></body></html>';

let rig: Rig | null = null;
let recorder: RecorderServer | null = null;
afterEach(async () => {
  await rig?.close();
  await recorder?.close();
  rig = null;
  recorder = null;
});

function script(r: Rig, call: Call, fault: Omit<ScriptedFault, 'route'>): void {
  r.fake.faults.script.push({ route: r.routes[call], ...fault });
}

const html = (status: number): ScriptedFault['reply'] => ({
  kind: 'raw',
  status,
  body: HTML,
  headers: { 'content-type': 'text/html; charset=utf-8' },
});

/** Every top-level array or object in a JSON answer becomes null (`{"snapshots": null}`). */
const nullLists = (body: unknown): unknown =>
  body && typeof body === 'object'
    ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v && typeof v === 'object' ? null : v]))
    : body;

/** Removes every identifying key (`rig.idFields`: `id`, for Google `name` too), however deep. */
const dropIds =
  (keys: readonly string[]) =>
  (body: unknown): unknown => {
    if (Array.isArray(body)) return body.map(dropIds(keys));
    if (body && typeof body === 'object')
      return Object.fromEntries(
        Object.entries(body)
          .filter(([k]) => !keys.includes(k))
          .map(([k, v]) => [k, dropIds(keys)(v)]),
      );
    return body;
  };

describe.each(rigKinds)('%s: a redirect is an error and nothing reaches the other host', (kind) => {
  it.each([
    ['verify', 302],
    ['createSnapshot', 307],
    ['listSnapshots', 308],
    ['deleteSnapshot', 301],
  ] as [Call, number][])('%s answered %i to another host', async (call, status) => {
    rig = await startRig(kind, TOKEN);
    recorder = await startRecorder('localhost', {
      account: { email: 'attacker@example.com', status: 'active' },
      snapshot: { id: 'foreign-1', name: 'x', created_at: '2024-01-01T00:00:00Z', size_gigabytes: 1 },
    });
    const before = rig.count();
    script(rig, call, {
      count: 1,
      act: false,
      reply: { kind: 'raw', status, headers: { location: `${recorder.url}/stolen?page=1` } },
    });
    const err = await failure(guard, () => rig!.run(call));
    expect(err.message).toMatch(new RegExp(`${rig.label} answered with a redirect`));
    expect(recorder.requests).toEqual([]);
    if (call === 'createSnapshot') expect(rig.count()).toBe(before);
    if (call === 'deleteSnapshot') expect(rig.exists(rig.snapshotId)).toBe(true);
  });

  it('a redirect to the same host is an error too (never followed)', async () => {
    rig = await startRig(kind, TOKEN);
    script(rig, 'verify', {
      count: 1,
      act: false,
      reply: { kind: 'raw', status: 302, headers: { location: `${rig.fake.url}/elsewhere` } },
    });
    const err = await failure(guard, () => rig!.run('verify'));
    expect(err.message).toMatch(/redirect/);
    expect(rig.fake.stats.byRoute['GET /elsewhere']).toBeUndefined();
  });
});

describe('an https API that redirects to plain http (an emulator serving https with a test-only certificate)', () => {
  // Certificate checks are off for this test worker only: the certificate is self-signed (test/fakes/tls).
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  beforeAll(() => {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
  });

  it('Scaleway: X-Auth-Token never goes to the http address', async () => {
    const fake = await startScalewayFake({ token: TOKEN, tls: testTls() });
    recorder = await startRecorder('localhost', { volumes: [], total_count: 0 });
    try {
      expect(fake.url).toMatch(/^https:/);
      const client = createProviderClient('scaleway', TOKEN, fastOptions(fake.url, [], { zones: ['fr-par-1'] }));
      await client.verify(); // https itself works
      fake.faults.script.push({
        count: 1,
        act: false,
        reply: { kind: 'raw', status: 302, headers: { location: `${recorder.url}/block/v1/zones/fr-par-1/volumes` } },
      });
      const err = await failure(guard, () => client.verify());
      expect(err.message).toMatch(/Scaleway answered with a redirect/);
      expect(recorder.requests).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('DigitalOcean: a create redirected (307) to http is not sent there and not recorded', async () => {
    const fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: null, tls: testTls() });
    recorder = await startRecorder('localhost', { snapshot: { id: 'foreign-1', name: 'x', created_at: 'now' } });
    try {
      const volume = fake.addVolume({ name: 'data', region: 'fra1', sizeGb: 10 });
      const client = createProviderClient('digitalocean', TOKEN, fastOptions(fake.url));
      const target = (await client.listTargets()).find((t) => t.providerId === volume.id)!;
      fake.faults.script.push({
        count: 1,
        act: false,
        reply: { kind: 'raw', status: 307, headers: { location: `${recorder.url}/v2/volumes/${volume.id}/snapshots` } },
      });
      const err = await failure(guard, () =>
        client.createSnapshot(target, { name: 'volsnap-data-20240611T010000Z', ruleKey: 'r1-abcdef12' }),
      );
      expect(err.message).toMatch(/redirect/);
      expect(recorder.requests).toEqual([]);
      expect(fake.snapshotsOf(volume.id)).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });
});

describe.each(rigKinds)('%s: answers volsnap cannot understand are errors, never success or "empty"', (kind) => {
  const understand = (label: string) => new RegExp(`${label} sent an answer volsnap could not understand`);

  it.each(['verify', 'listTargets', 'listSnapshots', 'getSnapshot', 'deleteSnapshot'] as Call[])(
    '%s answered 200 HTML',
    async (call) => {
      rig = await startRig(kind, TOKEN);
      script(rig, call, { count: 1, act: false, reply: html(200) });
      const err = await failure(guard, () => rig!.run(call));
      expect(err.message).toMatch(understand(rig.label));
      expect(err.message).not.toContain('hotel');
      if (call === 'deleteSnapshot') expect(rig.exists(rig.snapshotId)).toBe(true);
    },
  );

  it('listSnapshots answered with null lists', async () => {
    rig = await startRig(kind, TOKEN);
    script(rig, 'listSnapshots', { count: 1, act: true, reply: { kind: 'mutate', mutate: nullLists } });
    const err = await failure(guard, () => rig!.run('listSnapshots'));
    expect(err.message).toMatch(understand(rig.label));
  });

  it('listTargets answered with null lists', async () => {
    rig = await startRig(kind, TOKEN);
    script(rig, 'listTargets', { count: 1, act: true, reply: { kind: 'mutate', mutate: nullLists } });
    const err = await failure(guard, () => rig!.run('listTargets'));
    expect(err.message).toMatch(understand(rig.label));
  });

  it('a create answer without an id is an error whose outcome is unknown (the provider acted)', async () => {
    rig = await startRig(kind, TOKEN);
    script(rig, 'createSnapshot', { count: 1, act: true, reply: { kind: 'mutate', mutate: dropIds(rig.idFields) } });
    if (kind === 'scaleway-server') {
      // The backup action answers with a task, not the image: volsnap finds the image by its unique
      // name when the task does not say (server-backups.ts), so the right image is the outcome.
      const made = (await rig.run('createSnapshot')) as { id: string };
      expect(rig.exists(made.id)).toBe(true);
      return;
    }
    const err = await failure(guard, () => rig!.run('createSnapshot'));
    expect(err.message).toMatch(understand(rig.label));
    expect(err.outcomeUnknown).toBe(true);
    expect(err.transient).toBe(true);
  });

  it('malformed JSON with a JSON content type is an error', async () => {
    rig = await startRig(kind, TOKEN);
    script(rig, 'getSnapshot', {
      count: 1,
      act: false,
      reply: {
        kind: 'raw',
        status: 200,
        body: '{"snapshot": {"id": ',
        headers: { 'content-type': 'application/json' },
      },
    });
    const err = await failure(guard, () => rig!.run('getSnapshot'));
    expect(err.message).toMatch(understand(rig.label));
  });

  it('an HTML 502 does not put the page into the message', async () => {
    rig = await startRig(kind, TOKEN, { retry: { maxAttempts: 1 } });
    script(rig, 'verify', { count: 1, act: false, reply: html(502) });
    const err = await failure(guard, () => rig!.run('verify'));
    expect(err.message).toMatch(/HTTP 502/);
    expect(err.message).not.toMatch(/hotel|<html|doctype/i);
  });
});

describe.each(rigKinds)('%s: a create whose outcome is unknown is not retried by the HTTP layer', (kind) => {
  it.each([502, 503, 504])('answered %i after the provider acted', async (status) => {
    rig = await startRig(kind, TOKEN);
    const before = rig.count();
    script(rig, 'createSnapshot', {
      count: 1,
      act: true,
      reply: { kind: 'raw', status, body: '', headers: { 'retry-after': '1' } },
    });
    if (kind === 'gcp' && status === 503) {
      // Google's front end answers 503 for "try again", and every create carries a requestId: the
      // repeat is answered with the first request's operation, so exactly one snapshot is made.
      const made = (await rig.run('createSnapshot')) as { id: string };
      expect(rig.exists(made.id)).toBe(true);
      expect(rig.fake.stats.byRoute[rig.routes.createSnapshot]).toBe(2);
      expect(rig.count()).toBe(before + 1);
      return;
    }
    const err = await failure(guard, () => rig!.run('createSnapshot'));
    expect(err.outcomeUnknown).toBe(true);
    expect(err.transient).toBe(true);
    expect(rig.fake.stats.byRoute[rig.routes.createSnapshot]).toBe(1);
    expect(rig.count()).toBe(before + 1);
  });
});

describe('Retry-After is capped and every wait can be cancelled', () => {
  it('a 503 asking for a day on a read waits at most 5 minutes per retry', async () => {
    const waits: number[] = [];
    rig = await startRig('do-volume', TOKEN, {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    script(rig, 'getSnapshot', {
      count: 1,
      act: false,
      reply: { kind: 'raw', status: 503, body: '', headers: { 'retry-after': '86400' } },
    });
    await rig.run('getSnapshot');
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(300_000);
  });

  it('a 429 asking for a day does not stall the account budget for a day', async () => {
    let now = Date.now();
    const budgetWaits: number[] = [];
    const budget = new RequestBudget({
      limits: [],
      now: () => now,
      sleep: (ms) => {
        budgetWaits.push(ms);
        now += ms;
        return Promise.resolve();
      },
    });
    rig = await startRig('hetzner', TOKEN, { budget });
    script(rig, 'verify', {
      count: 1,
      act: false,
      reply: {
        kind: 'raw',
        status: 429,
        body: JSON.stringify({ error: { code: 'rate_limit_exceeded', message: 'slow down' } }),
        headers: { 'content-type': 'application/json', 'retry-after': '86400' },
      },
    });
    const err = await failure(guard, () => rig!.run('verify'));
    expect(err.code).toBe('rate_limited');
    expect(err.options.retryAfterMs ?? 0).toBeLessThanOrEqual(300_000);
    await rig.run('listTargets');
    expect(budgetWaits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(300_000);
  });

  it('aborting the signal ends a Retry-After wait at once with a clear error', async () => {
    const controller = new AbortController();
    rig = await startRig('scaleway', TOKEN, { signal: controller.signal, sleep: undefined });
    script(rig, 'getSnapshot', {
      count: 1,
      act: false,
      reply: { kind: 'raw', status: 503, body: '', headers: { 'retry-after': '120' } },
    });
    const pending = rig.run('getSnapshot').then(
      () => null,
      (e: unknown) => e,
    );
    while ((rig.fake.stats.scripted ?? 0) === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const err = guard.caught(await pending);
    expect(err.message).toMatch(/stopped/i);
  });
});

describe('broken page links', () => {
  it.each(['http://[::1', 'not a url at all', 'javascript:alert(1)'])(
    'DigitalOcean next link %j is a provider error, not "Invalid URL"',
    async (link) => {
      rig = await startRig('do-volume', TOKEN);
      script(rig, 'listSnapshots', {
        count: 1,
        act: true,
        reply: {
          kind: 'mutate',
          mutate: (b) => ({ ...(b as object), links: { pages: { next: link } } }),
        },
      });
      const err = await failure(guard, () => rig!.run('listSnapshots'));
      expect(err).toBeInstanceOf(ProviderError);
      expect(err.message).toMatch(/DigitalOcean sent a broken page link/);
    },
  );

  it('Hetzner next_page that is not a page number is a provider error', async () => {
    rig = await startRig('hetzner', TOKEN);
    script(rig, 'listSnapshots', {
      count: 1,
      act: true,
      reply: {
        kind: 'mutate',
        mutate: (b) => ({ ...(b as object), meta: { pagination: { next_page: 'http://[::1' } } }),
      },
    });
    const err = await failure(guard, () => rig!.run('listSnapshots'));
    expect(err.message).toMatch(/Hetzner Cloud (sent a broken page link|sent an answer volsnap could not understand)/);
  });
});
