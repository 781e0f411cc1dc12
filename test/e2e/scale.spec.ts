/**
 * Every page stays responsive with 5,000 volumes and 100,000 snapshots: the
 * database is seeded directly, and the time from navigation to the first rows
 * (and for a scroll to the far end) is measured and printed. The times are
 * information, not assertions: a timed test fails on a loaded machine, so the
 * goals live with the benchmarks; this suite checks that every page shows the
 * right rows at this size.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { seedLarge } from './support/seed';

test.describe.configure({ timeout: 120_000 });

const volumes = 5_000;
const snapshots = 100_000;

async function timed(label: string, action: () => Promise<void>, goalMs: number): Promise<number> {
  const started = performance.now();
  await action();
  const ms = Math.round(performance.now() - started);
  console.log(`[scale] ${label}: ${ms} ms (goal ${goalMs} ms, not asserted)`);
  return ms;
}

const open = (page: Page, path: string) => page.evaluate((p) => (window.location.hash = p), path);

async function scrollToEnd(page: Page, table: string) {
  await page
    .getByRole('table', { name: table })
    .locator('.vtable-body')
    .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
}

test(`pages stay responsive with ${volumes.toLocaleString()} volumes and ${snapshots.toLocaleString()} snapshots`, async ({
  page,
  bridge,
}) => {
  const seedStart = performance.now();
  const seeded = seedLarge(bridge, { targets: volumes, snapshots, events: 20_000 });
  console.log(
    `[scale] seeded ${volumes} volumes, ${seeded.ruleIds.length} rules, ${snapshots} snapshots, 20000 events in ${Math.round(performance.now() - seedStart)} ms`,
  );
  // The core's own answer first, so a slow page points at the layer that is slow.
  await timed(
    'core: targets:list (health of every target) without the UI',
    async () => {
      const answer = await bridge.core.dispatch('targets:list', undefined);
      expect(answer.ok).toBe(true);
    },
    3_000,
  );
  await page.reload();

  await timed(
    'Overview: navigation to status counts',
    async () => {
      await open(page, '/');
      await expect(page.getByRole('list', { name: 'Protection status' })).toBeVisible();
    },
    5_000,
  );

  const volumesTable = page.getByRole('table', { name: 'Volumes' });
  await timed(
    'Volumes: navigation to first rows',
    async () => {
      await open(page, '/volumes');
      await expect(volumesTable.getByRole('row').nth(1)).toBeVisible();
    },
    5_000,
  );
  await expect(page.getByText(`of ${volumes.toLocaleString()} volumes and servers`)).toBeVisible();
  await timed(
    'Volumes: scroll to the last of 5,000 rows',
    async () => {
      await scrollToEnd(page, 'Volumes');
      await expect(volumesTable.locator(`[aria-rowindex="${volumes + 1}"]`)).toBeVisible();
    },
    2_000,
  );
  await timed(
    'Volumes: search narrows 5,000 rows',
    async () => {
      await page.getByLabel('Search').fill('vol-04999');
      await expect(page.getByText(/^Showing 1 of/)).toBeVisible();
    },
    2_000,
  );

  const rulesTable = page.getByRole('table', { name: 'Rules' });
  await timed(
    `Rules: navigation to first rows (${seeded.ruleIds.length} rules)`,
    async () => {
      await open(page, '/rules');
      await expect(rulesTable.getByRole('row').nth(1)).toBeVisible();
    },
    5_000,
  );
  await timed(
    'Rules: scroll to the last rule',
    async () => {
      await scrollToEnd(page, 'Rules');
      await expect(rulesTable.locator(`[aria-rowindex="${seeded.ruleIds.length + 1}"]`)).toBeVisible();
    },
    2_000,
  );

  const snapshotTable = page.getByRole('table', { name: 'Snapshots' });
  await timed(
    'Activity: navigation to first snapshot rows',
    async () => {
      await open(page, '/activity');
      await expect(snapshotTable.getByRole('row').nth(1).getByRole('cell').first()).toBeVisible();
    },
    5_000,
  );
  await expect(page.getByText(`${snapshots.toLocaleString()} snapshots`)).toBeVisible();
  await timed(
    'Activity: jump to the oldest of 100,000 snapshots (paged fetch)',
    async () => {
      await scrollToEnd(page, 'Snapshots');
      const last = snapshotTable.locator(`[aria-rowindex="${snapshots + 1}"]`);
      await expect(last).toBeVisible();
      await expect(last).not.toContainText('Loading');
    },
    3_000,
  );
  await timed(
    'Activity: filter by volume and draw its chart',
    async () => {
      await page.getByLabel('Volume').selectOption(String(seeded.firstTargetId));
      await expect(page.getByRole('img', { name: /successful/ })).toBeVisible();
      await expect(snapshotTable.getByRole('row').nth(1).getByRole('cell').first()).toBeVisible();
    },
    3_000,
  );
  await timed(
    'Activity: events tab',
    async () => {
      await page.getByRole('tab', { name: 'Events' }).click();
      await expect(page.getByRole('table', { name: 'Events' }).getByRole('row').nth(1)).toBeVisible();
    },
    3_000,
  );

  await timed(
    'Rule editor: open a rule with its history',
    async () => {
      await open(page, `/rules/${seeded.ruleIds[0]}`);
      await expect(page.getByRole('heading', { name: 'Next runs' })).toBeVisible();
      await expect(page.getByText(/Keeps \d+ existing snapshot/)).toBeVisible();
    },
    5_000,
  );

  await timed(
    'Accounts and Settings',
    async () => {
      await open(page, '/accounts');
      await expect(page.getByRole('article', { name: 'Production' })).toBeVisible();
      await open(page, '/settings');
      await expect(page.getByRole('group', { name: 'Theme' })).toBeVisible();
    },
    3_000,
  );
});
