import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { createProviderClient } from '../../../src/main/providers';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { testOsIntegration } from '../../support/test-os-integration';

const GOOD = 'dop_v1_good_token_8c1f0e';
const OTHER = 'dop_v1_second_token_77aa';

let dir: string;
let fake: DigitalOceanFake;
let secrets: MemorySecretStore;
let core: Core;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-accounts-'));
  fake = await startDigitalOceanFake({ token: GOOD });
  fake.seedVolumes(3, { regions: ['fra1', 'nyc3'] });
  secrets = new MemorySecretStore();
  core = createCore({
    dbFile: join(dir, 'volsnap.sqlite'),
    secrets,
    settings: new MemorySettingsStore(),
    os: testOsIntegration(dir),
    providers: (kind, token, options) =>
      createProviderClient(kind, token, { ...options, baseUrl: fake.url, retry: { maxAttempts: 1 } }),
  });
});

afterEach(async () => {
  core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits for the listing that adding an account starts in the background (a refresh joins it). */
const targetsListed = () => core.dispatch('targets:refresh', undefined);

describe('accounts', () => {
  it("refuses a bad token with the provider's explanation and saves nothing", async () => {
    const result = await core.dispatch('accounts:add', {
      provider: 'digitalocean',
      name: 'Prod',
      token: 'dop_v1_wrong',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'token_invalid' } });
    expect(result.ok === false && result.error.message).toMatch(/DigitalOcean.*token/i);
    expect(await core.dispatch('accounts:list', undefined)).toEqual({ ok: true, value: [] });
  });

  it("verifies a good token, keeps it only in the secret store and lists the account's volumes", async () => {
    const result = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: GOOD });
    expect(result).toMatchObject({ ok: true, value: { name: 'Prod', provider: 'digitalocean', status: 'ok' } });
    expect(JSON.stringify(result)).not.toContain(GOOD);
    await targetsListed();
    expect(core.repos.targets.list().map((t) => t.kind)).toEqual(['volume', 'volume', 'volume']);

    // The token is in the secret store and nowhere in the database files.
    const stored = core.repos.accounts.list()[0]!;
    expect(await secrets.get(stored.secretRef!)).toBe(GOOD);
    core.repos.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(GOOD)).toBe(false);
  });

  it('keeps the old token when a replacement is rejected, and swaps it when accepted', async () => {
    const added = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: GOOD });
    const id = added.ok ? (added.value as { id: number }).id : 0;
    const before = core.repos.accounts.get(id)!.secretRef!;

    const rejected = await core.dispatch('accounts:replaceToken', { id, token: OTHER });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'token_invalid' } });
    expect(core.repos.accounts.get(id)!.secretRef).toBe(before);
    expect(await secrets.get(before)).toBe(GOOD);

    fake.token = OTHER;
    const accepted = await core.dispatch('accounts:replaceToken', { id, token: OTHER });
    expect(accepted).toMatchObject({ ok: true, value: { status: 'ok' } });
    const after = core.repos.accounts.get(id)!.secretRef!;
    expect(await secrets.get(after)).toBe(OTHER);
    expect(await secrets.get(before)).toBeNull();
  });

  it('records a revoked token on the account when verifying, with an actionable message', async () => {
    const added = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: GOOD });
    const id = added.ok ? (added.value as { id: number }).id : 0;
    await targetsListed();
    fake.token = 'rotated-elsewhere';
    const verified = await core.dispatch('accounts:verify', { id });
    expect(verified).toMatchObject({
      ok: true,
      value: { status: 'error', lastError: expect.stringMatching(/token/i) },
    });
    const activity = await core.dispatch('activity:list', { level: 'error' });
    expect(activity).toMatchObject({
      ok: true,
      value: { total: 1, items: [{ type: 'account.failed', accountId: id }] },
    });
  });

  it('removes an account with its token, targets and rules, and lists what goes with it first', async () => {
    const added = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: GOOD });
    const id = added.ok ? (added.value as { id: number }).id : 0;
    await targetsListed();
    const target = core.repos.targets.list()[0]!;
    const at = new Date().toISOString();
    core.repos.rules.insert(
      {
        targetId: target.id,
        name: 'Nightly',
        schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
        retention: { keepLast: 7, keepDays: null, gfs: null },
        nameTemplate: 'volsnap-{volume}-{utc}',
        enabled: true,
        catchUp: 'once',
      },
      at,
    );
    const impact = await core.dispatch('accounts:removalImpact', { id });
    expect(impact).toMatchObject({ ok: true, value: { targets: 3, rules: [{ name: 'Nightly' }] } });

    const secretRef = core.repos.accounts.get(id)!.secretRef!;
    expect(await core.dispatch('accounts:remove', { id })).toEqual({ ok: true, value: { ok: true } });
    expect(await secrets.get(secretRef)).toBeNull();
    expect(core.repos.targets.list()).toEqual([]);
    expect(core.repos.rules.list()).toEqual([]);
    // Nothing was deleted at the provider.
    expect(fake.state.volumes).toHaveLength(3);
  });

  it('adds the demo cloud without a token', async () => {
    const result = await core.dispatch('accounts:add', { provider: 'demo', name: 'Try it' });
    expect(result).toMatchObject({ ok: true, value: { provider: 'demo', status: 'ok' } });
    await targetsListed();
    expect(core.repos.targets.list().length).toBeGreaterThan(0);
  });

  it('asks for a token when a real provider is added without one', async () => {
    const result = await core.dispatch('accounts:add', { provider: 'hetzner', name: 'Hz' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'token' }] } });
  });
});
