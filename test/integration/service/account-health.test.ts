/**
 * The account read model against the DigitalOcean emulator: a missing read
 * permission found by the first listing names itself on the account; a token
 * without write scopes is never "Token works"; a duplicate is refused; Retry
 * now clears attention only when the account answers again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { createProviderClient } from '../../../src/main/providers';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { testOsIntegration } from '../../support/test-os-integration';
import { AccountHealth } from '../../../src/shared/account-health';

const GOOD = 'dop_v1_good_token_8c1f0e';

let dir: string;
let fake: DigitalOceanFake;
let core: Core;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-health-'));
  fake = await startDigitalOceanFake({ token: GOOD });
  fake.seedVolumes(2, { regions: ['fra1'] });
  core = createCore({
    dbFile: join(dir, 'volsnap.sqlite'),
    secrets: new MemorySecretStore(),
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

async function health(): Promise<AccountHealth[]> {
  const result = await core.dispatch('accounts:health', undefined);
  if (!result.ok) throw new Error(result.error.message);
  return AccountHealth.array().parse(result.value);
}

describe('account health', () => {
  it('names a read permission the first listing lacked, on the account', async () => {
    fake.scopes = ['account:read', 'block_storage:read'];
    await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: GOOD });
    await core.dispatch('targets:refresh', undefined);
    const [prod] = await health();
    expect(prod).toMatchObject({
      accountName: 'Prod',
      cause: 'permission_missing',
      missingPermission: 'droplet:read',
      severity: 'error',
      fix: 'replace_token',
    });
  });

  it('a token that can only read is "Token accepted" with its write permissions unchecked', async () => {
    await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: GOOD });
    await core.dispatch('targets:refresh', undefined);
    const [prod] = await health();
    expect(prod).toMatchObject({ cause: 'fine', label: 'Token accepted' });
    expect(prod!.uncheckedPermissions).toEqual(
      expect.arrayContaining(['block_storage_snapshot:create', 'block_storage_snapshot:delete']),
    );
  });

  it('refuses the same DigitalOcean account twice, naming the one already connected', async () => {
    await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Production', token: GOOD });
    const again = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Again', token: GOOD });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!again.ok && again.error.message).toContain('(ops@example.com, team Example Team)');
    expect(!again.ok && again.error.message).toContain('already connected as "Production"');
    expect(core.repos.accounts.list()).toHaveLength(1);
  });

  it('Retry now keeps the attention while the token is still rejected', async () => {
    const added = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: GOOD });
    if (!added.ok) throw new Error(added.error.message);
    await core.dispatch('targets:refresh', undefined);
    fake.token = 'rotated';
    const retried = await core.dispatch('accounts:retry', { id: core.repos.accounts.list()[0]!.id });
    expect(retried).toMatchObject({ ok: true, value: { started: 0, health: { cause: 'credentials_rejected' } } });
  });
});
