/**
 * A real core for the IPC tests: SQLite in a temporary folder, the demo cloud
 * (in memory) and a DigitalOcean emulator, a manual clock, the in-memory
 * stores from test/support. Nothing is mocked inside the core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src/main/core';
import { createProviderClient } from '../../../src/main/providers';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { ManualClock } from '../../support/manual-clock';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { testOsIntegration } from '../../support/test-os-integration';

export const DO_TOKEN = 'dop_v1_fuzz_token_5e2a9c41';

export interface CoreFixture {
  core: Core;
  settings: MemorySettingsStore;
  secrets: MemorySecretStore;
  fake: DigitalOceanFake;
  dir: string;
  close(): Promise<void>;
}

export async function startCoreFixture(): Promise<CoreFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'volsnap-ipc-'));
  // No rate limit: these tests are about input, and a 429 would make the client wait a minute.
  const fake = await startDigitalOceanFake({ token: DO_TOKEN, rateLimits: [] });
  fake.seedVolumes(2, { regions: ['fra1'] });
  const settings = new MemorySettingsStore();
  const secrets = new MemorySecretStore();
  const clock = new ManualClock(new Date('2026-06-01T10:00:00Z'));
  const core = createCore({
    dbFile: join(dir, 'volsnap.sqlite'),
    secrets,
    settings,
    clock,
    // The engine is not started (no alarm); a run started by hand waits on this clock, not on real time.
    engine: { sleep: async (ms) => clock.advance(ms) },
    os: testOsIntegration(dir),
    providers: (kind, token, options) =>
      createProviderClient(kind, token, {
        ...options,
        ...(kind === 'digitalocean' ? { baseUrl: fake.url } : {}),
        retry: { maxAttempts: 1 },
      }),
  });
  return {
    core,
    settings,
    secrets,
    fake,
    dir,
    close: async () => {
      await core.engine.stop();
      core.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
