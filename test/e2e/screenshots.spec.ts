/**
 * Screenshots of every page in light and dark, and at the smallest supported
 * window (800x600), saved to artifacts/screenshots/ for review.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { seedLarge } from './support/seed';

const dir = 'artifacts/screenshots';
const open = (page: Page, path: string) => page.evaluate((p) => (window.location.hash = p), path);

async function shootAll(page: Page, suffix: string, ids: { ruleId: number; targetId: number; unprotectedId: number }) {
  const shots: [string, string, () => Promise<void>][] = [
    ['overview', '/', () => expect(page.getByRole('list', { name: 'Protection status' })).toBeVisible()],
    ['accounts', '/accounts', () => expect(page.getByRole('article').first()).toBeVisible()],
    [
      'volumes',
      '/volumes',
      () => expect(page.getByRole('table', { name: 'Volumes' }).getByRole('row').nth(1)).toBeVisible(),
    ],
    ['rules', '/rules', () => expect(page.getByRole('table', { name: 'Rules' }).getByRole('row').nth(1)).toBeVisible()],
    ['rule-editor', `/rules/${ids.ruleId}`, () => expect(page.getByText(/Keeps \d+ existing snapshot/)).toBeVisible()],
    [
      'rule-new',
      `/rules/new?target=${ids.unprotectedId}`,
      () => expect(page.getByRole('table').filter({ hasText: 'UTC' })).toBeVisible(),
    ],
    [
      'activity',
      `/activity?target=${ids.targetId}`,
      () => expect(page.getByRole('img', { name: /successful/ })).toBeVisible(),
    ],
    ['settings', '/settings', () => expect(page.getByText('volsnap e2e')).toBeVisible()],
  ];
  for (const [name, path, ready] of shots) {
    await open(page, path);
    await ready();
    await page.screenshot({ path: `${dir}/${name}-${suffix}.png`, fullPage: false });
  }
}

test('every page in light and dark themes', async ({ page, bridge }) => {
  await page.screenshot({ path: `${dir}/welcome-light.png` });
  const seeded = seedLarge(bridge, { targets: 60, snapshots: 1_500, events: 200, ruleEvery: 3 });
  const ids = { ruleId: seeded.ruleIds[0]!, targetId: seeded.firstTargetId, unprotectedId: seeded.firstTargetId + 1 };
  await page.reload();
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => window.volsnap.settings.update({ theme: t }), theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await shootAll(page, theme, ids);
  }
});

test('the smallest window (800x600) keeps every page usable', async ({ page, bridge }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const seeded = seedLarge(bridge, { targets: 60, snapshots: 1_500, events: 200, ruleEvery: 3 });
  await page.reload();
  await shootAll(page, '800x600', {
    ruleId: seeded.ruleIds[0]!,
    targetId: seeded.firstTargetId,
    unprotectedId: seeded.firstTargetId + 1,
  });
  // No page scrolls sideways.
  for (const path of ['/', '/volumes', '/activity', '/settings']) {
    await open(page, path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});
