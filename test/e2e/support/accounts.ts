/** Small steps the account journeys share: an account through the real API, a rule on one of its volumes. */
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';
import type { Bridge } from '../../bridge/server';

/** Adds a DigitalOcean account the way the UI does and waits until its volumes are listed. */
export async function addDigitalOcean(page: Page, bridge: Bridge, name = 'Prod', token = 'good'): Promise<number> {
  const result = await page.evaluate(
    ({ name, token }) => window.volsnap.accounts.add({ provider: 'digitalocean', name, token }),
    { name, token },
  );
  if (!result.ok) throw new Error(`adding the account failed: ${result.error.message}`);
  const id = result.value.id;
  await expect.poll(() => bridge.core.repos.targets.list(id).length).toBeGreaterThan(0);
  return id;
}

/** A daily rule on the account's volume `volume`; returns the rule id. */
export function addRule(bridge: Bridge, accountId: number, volume = 'db-data', name = 'Nightly db'): number {
  const target = bridge.core.repos.targets.list(accountId).find((t) => t.name === volume);
  if (!target) throw new Error(`no volume ${volume}`);
  return bridge.core.repos.rules.insert(
    {
      targetId: target.id,
      name,
      schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
      retention: { keepLast: 7, keepDays: null, gfs: null },
      nameTemplate: 'volsnap-{volume}-{utc}',
      enabled: true,
      catchUp: 'once',
    },
    new Date().toISOString(),
  ).id;
}

/** Runs a rule now through the API and waits until that run has finished, either way. */
export async function runAndSettle(page: Page, bridge: Bridge, ruleId: number): Promise<void> {
  const before = bridge.core.repos.snapshots.listByRule(ruleId).length;
  const started = await page.evaluate((id) => window.volsnap.rules.runNow({ id }), ruleId);
  if (!started.ok) throw new Error(started.error.message);
  await expect
    .poll(
      () => {
        const rows = bridge.core.repos.snapshots.listByRule(ruleId);
        return rows.length > before && rows.every((s) => s.status === 'available' || s.status === 'error');
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}
