import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { createProviderClient } from '../../../src/main/providers';
import { createService } from '../../../src/main/service';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { holdWriteLock } from '../../support/sqlite-child';
import { testOsIntegration } from '../../support/test-os-integration';

const TOKEN = 'dop_v1_refresh_faults_token_51';

let dir: string;
let file: string;
let fake: DigitalOceanFake;
let core: Core;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-refresh-'));
  file = join(dir, 'volsnap.sqlite');
  fake = await startDigitalOceanFake({ token: TOKEN });
  fake.seedVolumes(2, { regions: ['fra1'] });
  core = createCore({
    dbFile: file,
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

async function addAccount(): Promise<number> {
  const added = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: TOKEN });
  if (!added.ok) throw new Error(added.error.message);
  await core.dispatch('targets:refresh', undefined); // joins the background listing
  return (added.value as { id: number }).id;
}

describe('the background refresh after accounts:add', () => {
  it('resolves (never rejects) when the database is closed before its error path writes', async () => {
    const id = await addAccount();
    fake.faults.errorRates = { 500: 1 };
    const { refresher } = createService(core.context);
    const background = refresher.refreshInBackground(id);
    core.repos.db.close();
    await expect(background).resolves.toBeUndefined();
  });

  it('with the database locked by another process, says so and rejects nothing', async () => {
    const id = await addAccount();
    const { refresher } = createService(core.context);
    const lock = await holdWriteLock(file);
    try {
      // The listing succeeds; saving it meets the lock, and so does recording the failure.
      const outcomes = await refresher.refresh(id);
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]!.error).toMatch(/locked by another program/);
      fake.faults.errorRates = { 500: 1 };
      await expect(refresher.refreshInBackground(id)).resolves.toBeUndefined();
    } finally {
      await lock.release();
    }
    // Nothing was lost: the two volumes listed before the lock are still there.
    expect(core.repos.targets.list()).toHaveLength(2);
  });
});
