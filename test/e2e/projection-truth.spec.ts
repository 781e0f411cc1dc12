/**
 * Issue 15 item 6: the editor projects what a rule keeps once it has run long
 * enough, not only the snapshots that exist today. The issue's rule (every 15
 * minutes, 30 days plus daily/weekly/monthly copies, on a DigitalOcean volume)
 * shows thousands and DigitalOcean's 25-per-volume limit, and saving it asks
 * first. Issue 12 leftover: a rule over several volumes shows its previews too.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addDigitalOcean } from './support/accounts';

const dir = 'artifacts/screenshots';

/** WCAG 2.x A/AA violations on the page as it is, as short lines. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function issueRule(page: Page) {
  await page.getByRole('radio', { name: 'Every few hours' }).check();
  await page.getByLabel('Every', { exact: true }).fill('15');
  await page.getByLabel('Unit').selectOption('minutes');
  await page.getByRole('checkbox', { name: 'Keep the most recent snapshots' }).uncheck();
  await page.getByRole('checkbox', { name: 'Keep snapshots for a number of days' }).check();
  await page.getByLabel('Days to keep').fill('30');
  await page.getByRole('checkbox', { name: 'Keep daily, weekly and monthly snapshots' }).check();
  await page.getByRole('spinbutton', { name: 'Daily' }).fill('7');
  await page.getByRole('spinbutton', { name: 'Weekly' }).fill('4');
  await page.getByRole('spinbutton', { name: 'Monthly' }).fill('12');
}

test('item 6: every 15 minutes keeping 30 days and copies shows thousands, the 25-per-volume limit, and asks before saving', async ({
  page,
  bridge,
}) => {
  const account = await addDigitalOcean(page, bridge);
  const volume = bridge.core.repos.targets.list(account).find((t) => t.name === 'db-data')!;
  await page.evaluate((id) => (window.location.hash = `/rules/new?target=${id}`), volume.id);
  await expect(page.getByRole('heading', { level: 1, name: 'New rule' })).toBeVisible();
  await issueRule(page);

  const preview = page.getByRole('region', { name: 'Retention preview' });
  await expect(preview.getByText(/Will keep about 2,\d{3} snapshots per volume/)).toBeVisible();
  await expect(preview.getByText(/after about 1[01] months of running/)).toBeVisible();
  // The volume has no snapshot yet: its 100 GB size, at DigitalOcean's saved price.
  await expect(preview.getByText(/about 100 GB per snapshot \(from the volume's size/)).toBeVisible();
  const projectedCost = preview.getByText(/Estimated size then/);
  await expect(projectedCost).toContainText(/\$[\d,]+\.\d\d per month/);
  // The cost follows the price setting at once (half the price, half the cost).
  const before = (await projectedCost.textContent())!;
  const dollars = (text: string) => Number(/\$([\d,]+\.\d\d) per month/.exec(text)![1]!.replace(/,/g, ''));
  const price = preview.getByLabel('Price per GB-month at DigitalOcean (USD)');
  await price.fill('0.03');
  await price.press('Enter');
  await expect(projectedCost).not.toHaveText(before);
  expect(dollars((await projectedCost.textContent())!)).toBeCloseTo(dollars(before) / 2, 0);
  await price.fill('0.06');
  await price.press('Enter');
  await expect(projectedCost).toHaveText(before);
  const warning = preview
    .getByRole('alert')
    .filter({ hasText: 'DigitalOcean stores at most 25 snapshots of a volume' });
  await expect(warning).toContainText(/would keep about 2,\d{3} of db-data: 2,\d{3} over the limit/);
  await expect(warning).toContainText('keeping 30 days keeps about 2,880 on its own');
  await expect(warning.getByRole('link', { name: 'The published limit' })).toHaveAttribute(
    'href',
    'https://docs.digitalocean.com/products/snapshots/details/limits/',
  );

  expect(await axeViolations(page), 'the warning state').toEqual([]);
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/projection-quota-warning-light.png` });
  await page.evaluate(() => window.volsnap.settings.update({ theme: 'dark' }));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/projection-quota-warning-dark.png` });
  await page.evaluate(() => window.volsnap.settings.update({ theme: 'light' }));
  await page.setViewportSize({ width: 800, height: 600 });
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/projection-quota-warning-800x600.png` });

  // Saving asks first; "Change the rule" saves nothing.
  await page.getByRole('button', { name: 'Create rule' }).click();
  const confirm = page.getByRole('dialog', { name: "Save a rule that exceeds DigitalOcean's limit?" });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('25 snapshots of a volume');
  await page.screenshot({ path: `${dir}/projection-quota-confirm-800x600.png` });
  expect(await axeViolations(page), 'the confirmation').toEqual([]);
  await confirm.getByRole('button', { name: 'Change the rule' }).click();
  await expect(confirm).toBeHidden();
  expect(bridge.core.repos.rules.list()).toHaveLength(0);

  // Within the limit (keep 20 days of nothing but copies) there is no warning and no question.
  await page.getByRole('checkbox', { name: 'Keep snapshots for a number of days' }).uncheck();
  await expect(preview.getByText(/Will keep about 2\d snapshots per volume/)).toBeVisible();
  await expect(preview.getByRole('alert')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Keep snapshots for a number of days' }).check();
  await expect(warning).toBeVisible();

  // "Save anyway" saves it, having been asked.
  await page.getByRole('button', { name: 'Create rule' }).click();
  await confirm.getByRole('button', { name: 'Save anyway' }).click();
  await expect.poll(() => bridge.core.repos.rules.list().length).toBe(1);
  expect(bridge.core.repos.rules.list()[0]!.retention).toEqual({
    keepLast: null,
    keepDays: 30,
    gfs: { daily: 7, weekly: 4, monthly: 12 },
  });
});

test('issue 12: a rule over several volumes shows the projection, the existing-snapshot facts and an example name', async ({
  page,
  bridge,
}) => {
  const account = await addDigitalOcean(page, bridge);
  const ids = bridge.core.repos.targets
    .list(account)
    .map((t) => t.id)
    .join(',');
  await page.evaluate((list) => (window.location.hash = `/rules/new?targets=${list}`), ids);
  await expect(page.getByRole('heading', { level: 1, name: 'New rule' })).toBeVisible();

  const preview = page.getByRole('region', { name: 'Retention preview' });
  // The default: daily, keep the last 7.
  await expect(preview.getByText('Will keep about 7 snapshots per volume')).toBeVisible();
  await expect(preview.getByText('× 2 volumes: about 14 snapshots in all.')).toBeVisible();
  // db-data (100 GB) and uploads (50 GB): 75 GB a snapshot on average, 7 of each.
  await expect(
    preview.getByText(/about 75 GB per snapshot \(from the volumes' size.*1,050 GB in all: \$63\.00 per month/),
  ).toBeVisible();
  await expect(
    preview.getByText('Existing snapshots of db-data and 1 more volume: shown for the first one.'),
  ).toBeVisible();
  await expect(preview.getByText(/Keeps 0 existing snapshots/)).toBeVisible();
  await expect(page.getByText('Choose a volume to see what this would keep.')).toHaveCount(0);
  await expect(page.locator('output.mono')).toContainText('volsnap-db-data-');
  await expect(page.getByText('(for db-data; likewise for 1 more volume)')).toBeVisible();
  await preview.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/projection-multi-target-light.png` });
});
