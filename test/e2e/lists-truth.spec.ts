/**
 * Issue 15 item 10 ("Lists") and issue 12's overlap mark: sortable columns with
 * natural order, filters and sort kept in the URL, jump to a date in a 60,000-row
 * history, cut-short text readable from the keyboard, counts in correct plurals,
 * and a volume covered by two rules marked as such with the rules reachable.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { bulkRows, historyEnd, longError, longName, seedListsFleet } from './support/lists-seed';

test.use({ timezoneId: 'UTC' });
test.describe.configure({ timeout: 120_000 });

const shots = 'artifacts/screenshots';
const open = (page: Page, path: string) => page.evaluate((p) => (window.location.hash = p), path);
/** The names in a table's body, top to bottom (the first strong text of each row). */
const namesIn = (table: Locator) => table.locator('.vtable-body [role="row"] .strong').allTextContents();
const header = (table: Locator, name: string) => table.getByRole('columnheader', { name: new RegExp(`^${name}`) });

async function seeded(page: Page, bridge: Parameters<typeof seedListsFleet>[0]) {
  const fleet = seedListsFleet(bridge);
  await page.reload();
  return fleet;
}

test('Volumes and Rules sort by any column, names in natural order, by click and keyboard', async ({
  page,
  bridge,
}) => {
  await seeded(page, bridge);
  await open(page, '/volumes?search=vol-');
  const volumes = page.getByRole('table', { name: 'Volumes' });
  await expect(volumes.getByRole('row')).toHaveCount(6);
  const name = header(volumes, 'Name');
  await expect(name).toHaveAttribute('aria-sort', 'none');
  await name.getByRole('button').click();
  await expect(name).toHaveAttribute('aria-sort', 'ascending');
  await expect(name).toContainText('▲');
  expect(await namesIn(volumes)).toEqual(['vol-1', 'vol-2', 'vol-10', 'vol-20', 'vol-100']);
  // The keyboard reverses it: Enter on the focused header button.
  await name.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(name).toHaveAttribute('aria-sort', 'descending');
  await expect(name).toContainText('▼');
  expect(await namesIn(volumes)).toEqual(['vol-100', 'vol-20', 'vol-10', 'vol-2', 'vol-1']);
  await expect(page).toHaveURL(/sort=name&dir=desc/);

  await open(page, '/rules');
  const rules = page.getByRole('table', { name: 'Rules' });
  const rule = header(rules, 'Rule');
  await rule.getByRole('button').focus();
  await page.keyboard.press('Space');
  await expect(rule).toHaveAttribute('aria-sort', 'ascending');
  expect(await namesIn(rules)).toEqual([
    'Daily analytics',
    'Daily vol-1',
    'Daily vol-2',
    'Daily vol-10',
    'Daily vol-20',
    'Daily vol-100',
    'Hourly vol-1',
  ]);
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => window.volsnap.settings.update({ theme: t }), theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: `${shots}/lists-rules-sorted-${theme}.png` });
  }
});

test('the snapshot list sorts in main (names in natural order) and says "1 snapshot"', async ({ page, bridge }) => {
  const { targets } = await seeded(page, bridge);
  await open(page, `/activity?target=${targets['vol-20']}`);
  const snapshots = page.getByRole('table', { name: 'Snapshots' });
  await expect(page.getByRole('status').filter({ hasText: /^4 snapshots$/ })).toBeVisible();
  const column = header(snapshots, 'Snapshot');
  await column.getByRole('button').click();
  await expect(column).toHaveAttribute('aria-sort', 'ascending');
  await expect
    .poll(() => namesIn(snapshots))
    .toEqual(['vol-20-copy-1', 'vol-20-copy-2', 'vol-20-copy-10', 'vol-20-copy-100']);
  await expect(page).toHaveURL(/sort=name&dir=asc/);

  await open(page, `/activity?target=${targets[longName]}`);
  await expect(page.getByRole('status').filter({ hasText: /^1 snapshot$/ })).toBeVisible();
});

test('filters and sort live in the URL: Back and reload return to the same list', async ({ page, bridge }) => {
  const { rules } = await seeded(page, bridge);
  await open(page, '/volumes');
  await page.getByRole('searchbox', { name: 'Search' }).fill('vol-1');
  const volumes = page.getByRole('table', { name: 'Volumes' });
  await header(volumes, 'Name').getByRole('button').click();
  await header(volumes, 'Name').getByRole('button').click();
  await expect(header(volumes, 'Name')).toHaveAttribute('aria-sort', 'descending');
  expect(await namesIn(volumes)).toEqual(['vol-100', 'vol-10', 'vol-1']);

  // Away to a rule through the overlap mark, then Back.
  await page.getByText('Covered by 2 rules').click();
  await page.getByRole('link', { name: 'Hourly vol-1' }).click();
  await expect(page).toHaveURL(new RegExp(`#/rules/${rules['Hourly vol-1']}$`));
  await page.goBack();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('vol-1');
  await expect(header(volumes, 'Name')).toHaveAttribute('aria-sort', 'descending');
  expect(await namesIn(volumes)).toEqual(['vol-100', 'vol-10', 'vol-1']);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('vol-1');
  await expect(header(volumes, 'Name')).toHaveAttribute('aria-sort', 'descending');

  await open(page, '/activity');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByLabel('Level').selectOption('error');
  await header(page.getByRole('table', { name: 'Events' }), 'When')
    .getByRole('button')
    .click();
  await expect(page).toHaveURL(/tab=events/);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Level')).toHaveValue('error');
  const when = header(page.getByRole('table', { name: 'Events' }), 'When');
  await expect(when).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('table', { name: 'Events' }).getByRole('row').nth(1)).toContainText(
    `Event ${bulkRows - 50}`,
  );
});

test('jump to a date in 60,000 snapshots fetches only the pages around it', async ({ page, bridge }) => {
  await seeded(page, bridge);
  const offsets: number[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/rpc/snapshots%3Alist'))
      offsets.push((JSON.parse(request.postData() ?? '{}') as { input?: { offset?: number } }).input?.offset ?? 0);
  });
  await open(page, '/activity');
  await expect(page.getByRole('status').filter({ hasText: /^60,005 snapshots$/ })).toBeVisible();
  await page.getByLabel('Jump to date').first().fill('2026-03-15');
  await page.getByRole('button', { name: 'Go' }).first().click();

  // The newest bulk row at or before the end of 15 March (UTC): 23:50.
  const target = Date.UTC(2026, 2, 15, 23, 50);
  const i = (historyEnd - target) / 600_000;
  const index = 5 + i;
  await expect(page.getByRole('status').filter({ hasText: `row ${(index + 1).toLocaleString('en')}` })).toBeVisible();
  const jumped = page.locator('.row-jumped');
  await expect(jumped).toContainText(`bulk-${i}`);
  await expect(jumped).toBeInViewport();
  // A few pages of 200 around the row, never the whole history.
  expect(offsets.length).toBeLessThan(10);
  expect(Math.max(...offsets)).toBeGreaterThanOrEqual(Math.floor(index / 200) * 200 - 200);
  await page.screenshot({ path: `${shots}/lists-activity-jumped-light.png` });

  await page.getByLabel('Jump to date').first().fill('2024-01-01');
  await page.getByRole('button', { name: 'Go' }).first().click();
  await expect(page.getByRole('status').filter({ hasText: /No snapshots on or before/ })).toBeVisible();
});

test('cut-short names and errors are readable from the keyboard; two rules on a volume are marked', async ({
  page,
  bridge,
}) => {
  const { targets } = await seeded(page, bridge);
  await open(page, '/volumes');
  await page.getByRole('checkbox', { name: `Select ${longName}` }).focus();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveText(longName);
  expect(await focused.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  const vol1 = page
    .getByRole('table', { name: 'Volumes' })
    .getByRole('row')
    .filter({ has: page.getByText('vol-1', { exact: true }) });
  await expect(vol1.getByText('Covered by 2 rules')).toBeVisible();
  await vol1.getByText('Covered by 2 rules').focus();
  await page.keyboard.press('Enter');
  const list = page.getByRole('list', { name: 'Rules covering vol-1' });
  await expect(list.getByRole('link')).toHaveText(['Daily vol-1', 'Hourly vol-1']);
  // The open mark, the sort headers and the focusable cells add no accessibility violation.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: `${shots}/lists-volumes-coverage-light.png` });

  await open(page, `/activity?target=${targets[longName]}`);
  const body = page.getByRole('table', { name: 'Snapshots' }).locator('.vtable-body');
  await body.focus();
  await page.keyboard.press('Tab');
  await expect(focused).toHaveText('analytics-failed-run');
  await page.keyboard.press('Tab');
  await expect(focused).toHaveText(longError);
  expect(await focused.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await page.screenshot({ path: `${shots}/lists-activity-error-focused-light.png` });
});

test('sorted and filtered lists at 800x600 and in the dark theme', async ({ page, bridge }) => {
  await seeded(page, bridge);
  await page.evaluate(() => window.volsnap.settings.update({ theme: 'dark' }));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await open(page, '/volumes?search=vol&sort=name&dir=asc');
  await expect(page.getByRole('table', { name: 'Volumes' }).getByRole('row')).toHaveCount(6);
  await page.screenshot({ path: `${shots}/lists-volumes-sorted-dark.png` });
  await open(page, '/activity?sort=size&dir=desc&status=available');
  await expect(page.getByRole('status').filter({ hasText: /^60,004 snapshots$/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/lists-activity-sorted-dark.png` });

  await page.evaluate(() => window.volsnap.settings.update({ theme: 'light' }));
  await page.setViewportSize({ width: 800, height: 600 });
  await open(page, '/volumes?search=vol&sort=name&dir=desc');
  await expect(header(page.getByRole('table', { name: 'Volumes' }), 'Name')).toHaveAttribute('aria-sort', 'descending');
  await page.screenshot({ path: `${shots}/lists-volumes-sorted-800x600.png` });
  await open(page, '/activity?sort=name&dir=asc');
  await expect(header(page.getByRole('table', { name: 'Snapshots' }), 'Snapshot')).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await page.screenshot({ path: `${shots}/lists-activity-sorted-800x600.png` });
  await open(page, '/rules?sort=name&dir=asc&search=vol');
  await expect(header(page.getByRole('table', { name: 'Rules' }), 'Rule')).toHaveAttribute('aria-sort', 'ascending');
  // Every action stays inside the table at the smallest window.
  const table = (await page.getByRole('table', { name: 'Rules' }).boundingBox())!;
  const duplicate = (await page
    .getByRole('button', { name: /^Duplicate/ })
    .first()
    .boundingBox())!;
  expect(duplicate.x + duplicate.width).toBeLessThanOrEqual(table.x + table.width);
  await page.screenshot({ path: `${shots}/lists-rules-sorted-800x600.png` });
});
