/**
 * Issue 15 item 13 for the Overview and Accounts pages: short content sizes to
 * itself, no empty grid column, the account card's actions on one line at
 * 1100 px, and a single readable column at 800x600.
 */
import { test, expect } from './fixtures';
import { addDigitalOcean } from './support/accounts';

test('the account card keeps its actions on one line and its own height', async ({ page, bridge }) => {
  await addDigitalOcean(page, bridge);
  await page.evaluate(() => window.volsnap.accounts.add({ provider: 'demo', name: 'Demo' }));
  await page.goto(`${bridge.url}#/accounts`);
  await expect(page.getByRole('article')).toHaveCount(2);
  const card = page.getByRole('article', { name: 'Demo' });
  await expect(card.getByRole('button', { name: 'Remove' })).toBeVisible();
  // Each card's actions sit on one line (distinct top edges per card).
  const lines = await page
    .getByRole('article')
    .evaluateAll((cards) =>
      cards.map(
        (c) =>
          new Set(
            [...c.querySelectorAll(':scope > .button-row > .button')].map((b) =>
              Math.round(b.getBoundingClientRect().top),
            ),
          ).size,
      ),
    );
  expect(lines).toEqual([1, 1]);
  // Cards side by side keep their own heights: the short one is not stretched to the tall one.
  const heights = await page
    .getByRole('article')
    .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().height));
  expect(new Set(heights.map(Math.round)).size).toBe(2);
});

test('the Overview grid leaves no empty column and is one column at 800x600', async ({ page, bridge }) => {
  await addDigitalOcean(page, bridge);
  await page.goto(`${bridge.url}#/`);
  const recent = page.getByRole('region', { name: 'Recent activity' });
  const grid = page.locator('.overview-grid');
  await expect(recent).toBeVisible();
  // Recent activity spans the whole grid instead of leaving the column beside it empty.
  const [gridBox, recentBox] = [await grid.boundingBox(), await recent.boundingBox()];
  expect(Math.round(recentBox!.width)).toBe(Math.round(gridBox!.width));

  await page.setViewportSize({ width: 800, height: 600 });
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention).toBeVisible();
  const attentionBox = await attention.boundingBox();
  const gridNow = await grid.boundingBox();
  expect(Math.round(attentionBox!.width)).toBe(Math.round(gridNow!.width));
  // No entry of the list wraps onto a second line.
  const rowHeights = await attention
    .getByRole('listitem')
    .evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
  expect(Math.max(...rowHeights)).toBeLessThan(48);
});
