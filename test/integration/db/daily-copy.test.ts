/**
 * The running engine keeps the rolling daily copy of the database: one when it
 * starts (if a day has passed), another when it catches up a day later, and
 * stopping waits for a copy in progress so the database can close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { listBackups } from '../../../src/main/db';
import { ManualClock } from '../../support/manual-clock';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { testOsIntegration } from '../../support/test-os-integration';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-daily-'));
  file = join(dir, 'volsnap.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const day = 24 * 60 * 60 * 1000;

function core(clock: ManualClock): Core {
  return createCore({
    dbFile: file,
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    os: testOsIntegration(dir),
    clock,
  });
}

it('makes the daily copy when the engine starts and again when it catches up a day later', async () => {
  const clock = new ManualClock('2026-11-01T08:00:00.000Z');
  const first = core(clock);
  await first.engine.start();
  await first.engine.stop(); // waits for the copy in progress
  first.close();
  expect(listBackups(file).map((b) => b.takenAt.toISOString())).toEqual(['2026-11-01T08:00:00.000Z']);

  const app = core(clock);
  await app.engine.start();
  clock.advance(day / 2);
  app.engine.onResume(); // not a day yet
  clock.advance(day / 2);
  app.engine.onResume();
  await app.engine.stop();
  app.close();
  expect(listBackups(file).map((b) => b.takenAt.toISOString())).toEqual([
    '2026-11-02T08:00:00.000Z',
    '2026-11-01T08:00:00.000Z',
  ]);
});
