/** Steps the snapshot journeys share: a rule on the DigitalOcean emulator's db-data volume with finished runs. */
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';
import type { Bridge } from '../../bridge/server';
import type { DigitalOceanFake } from '../../fakes';
import { addDigitalOcean, addRule } from './accounts';

/** Runs the rule now (retrying while the previous run's second is not over) and waits for it to finish. */
export async function runToTheEnd(page: Page, bridge: Bridge, ruleId: number): Promise<void> {
  const before = bridge.core.repos.snapshots.listByRule(ruleId).length;
  await expect
    .poll(async () => (await page.evaluate((id) => window.volsnap.rules.runNow({ id }), ruleId)).ok)
    .toBe(true);
  await expect
    .poll(() => {
      const rows = bridge.core.repos.snapshots.listByRule(ruleId);
      return rows.length > before && rows.every((s) => s.status === 'available' || s.status === 'error');
    })
    .toBe(true);
}

/** A DigitalOcean account with rule "Nightly db" on db-data that has taken `runs` snapshots. */
export async function ruleWithSnapshots(page: Page, bridge: Bridge, fake: DigitalOceanFake, runs: number) {
  const accountId = await addDigitalOcean(page, bridge);
  const ruleId = addRule(bridge, accountId);
  for (let i = 0; i < runs; i++) await runToTheEnd(page, bridge, ruleId);
  const volume = fake.state.volumes.find((v) => v.name === 'db-data')!;
  expect(fake.snapshotsOf(volume.id)).toHaveLength(runs);
  return { accountId, ruleId, volumeId: volume.id };
}
