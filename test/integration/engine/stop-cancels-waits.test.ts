/**
 * Issue 11, item 9: a Retry-After wait inside the HTTP layer ends when the
 * engine stops. The provider asks the create to wait 100 s (a 429, under the
 * 120 s the client rides out); `engine.stop()` must not sit through it. Real
 * time, real core, real DigitalOcean client against the emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { createProviderClient } from '../../../src/main/providers';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { testOsIntegration } from '../../support/test-os-integration';
import { ruleInput } from './harness';

const TOKEN = 'dop_v1_stop_cancels_waits_1234';
const CREATE = 'POST /v2/volumes/:volume_id/snapshots';
let dir: string;
let fake: DigitalOceanFake;
let core: Core;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-stop-'));
  fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: null });
  fake.addVolume({ name: 'data-1', region: 'fra1', sizeGb: 10 });
  core = createCore({
    dbFile: join(dir, 'volsnap.sqlite'),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    os: testOsIntegration(dir),
    providers: (kind, token, options) => createProviderClient(kind, token, { ...options, baseUrl: fake.url }),
  });
});
afterEach(async () => {
  core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

it('stopping the engine ends a 100 s Retry-After wait of a running create, and nothing is created', async () => {
  const added = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: TOKEN });
  if (!added.ok) throw new Error(added.error.message);
  await core.dispatch('targets:refresh', undefined);
  const targetId = core.repos.targets.list((added.value as { id: number }).id)[0]!.id;
  await core.engine.start();
  await core.dispatch('rules:create', ruleInput(targetId));
  fake.faults.script.push({
    route: CREATE,
    count: 5,
    act: false,
    reply: {
      kind: 'raw',
      status: 429,
      body: JSON.stringify({ id: 'too_many_requests', message: 'API rate limit exceeded.' }),
      headers: { 'content-type': 'application/json', 'retry-after': '100' },
    },
  });
  expect(await core.dispatch('rules:runNow', { id: 1 })).toMatchObject({ ok: true });
  while (fake.stats.scripted === 0) await new Promise((r) => setTimeout(r, 10));

  await core.engine.stop(); // without cancellation this waits 100 s and the test times out

  expect(fake.stats.byRoute[CREATE]).toBe(1);
  expect(fake.snapshotsOf(core.repos.targets.get(targetId)!.providerId)).toHaveLength(0);
  const row = core.repos.snapshots.listByTarget(targetId)[0];
  expect(row?.status).not.toBe('available');
});
