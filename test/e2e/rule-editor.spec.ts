import { test, expect } from './fixtures';
import { seedLarge } from './support/seed';

test('the schedule builder explains each kind and refuses what cannot run', async ({ page, bridge }) => {
  const seeded = seedLarge(bridge, { targets: 6, snapshots: 0, events: 0, ruleEvery: 100 });
  const rulesBefore = bridge.core.repos.rules.list().length;
  await page.evaluate((id) => (window.location.hash = `/rules/new?target=${id + 1}`), seeded.firstTargetId);
  await expect(page.getByRole('heading', { level: 1, name: 'New rule' })).toBeVisible();

  // Weekdays only: Weekly, with the working days ticked.
  await page.getByRole('radio', { name: 'Weekly' }).check();
  for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday'])
    await page.getByRole('checkbox', { name: day }).check();
  await expect(page.locator('.schedule-words')).toContainText(/^Weekdays at 03:00/);

  // Cron: in words at once (in the preview), and a wrong expression is explained next to the field.
  await page.getByRole('radio', { name: 'Cron expression' }).check();
  await page.getByRole('textbox', { name: 'Cron expression' }).fill('15 4 * * 1');
  await expect(page.locator('.schedule-words')).toContainText(/Mondays, at 04:15/);
  await page.getByRole('textbox', { name: 'Cron expression' }).fill('99 * * *');
  await expect(page.getByRole('textbox', { name: 'Cron expression' })).toHaveAttribute('aria-invalid', 'true');

  // Every few hours, in another zone: the runs are shown in three clocks.
  await page.getByRole('radio', { name: 'Every few hours' }).check();
  await page.getByLabel('Every', { exact: true }).fill('0');
  await expect(page.getByLabel('Every', { exact: true })).toHaveAccessibleDescription(/Use 1 to/);
  await page.getByLabel('Every', { exact: true }).fill('6');
  await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
  await expect(page.getByRole('columnheader', { name: 'Asia/Tokyo' })).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'UTC' }).getByRole('row')).toHaveCount(6);

  // No retention at all is refused before saving.
  await page.getByRole('checkbox', { name: 'Keep the most recent snapshots' }).uncheck();
  await page.getByRole('button', { name: 'Create rule' }).click();
  await expect(
    page
      .getByRole('group', { name: 'How long to keep snapshots' })
      .getByText('Choose at least one way to keep snapshots'),
  ).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'The rule was not saved' })).toBeVisible();
  expect(bridge.core.repos.rules.list()).toHaveLength(rulesBefore);
});

test('settings apply at once: theme on <html>, prices, concurrency', async ({ page, bridge }) => {
  await page.evaluate(() => (window.location.hash = '/settings'));
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('radio', { name: 'Follow the system' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');

  const price = page.getByLabel(/DigitalOcean \(USD per GB-month\)/);
  await price.fill('0.05');
  await price.press('Enter');
  await expect.poll(() => bridge.core.context.settings.get().pricePerGbMonth.digitalocean).toBe(0.05);

  const perAccount = page.getByLabel('Per cloud account');
  await perAccount.fill('20');
  await expect(perAccount).toHaveAccessibleDescription(/from 1 to 8/);
  await perAccount.fill('3');
  await perAccount.blur();
  await expect.poll(() => bridge.core.context.settings.get().concurrency.perAccount).toBe(3);

  await page.getByRole('checkbox', { name: 'Start volsnap when I log in' }).check();
  await expect.poll(() => bridge.core.context.settings.get().startAtLogin).toBe(true);
  await expect(page.getByText('volsnap e2e')).toBeVisible();
});

test('the overview points at what needs doing', async ({ page, bridge }) => {
  seedLarge(bridge, { targets: 30, snapshots: 200, events: 50, ruleEvery: 2 });
  await page.reload();
  const tiles = page.getByRole('list', { name: 'Protection status' });
  await expect(tiles).toBeVisible();
  const cta = page
    .getByRole('alert')
    .or(page.getByRole('status'))
    .filter({ has: page.getByRole('link', { name: /Review|Protect/ }) });
  await cta.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Volumes' })).toBeVisible();
  await expect(page.getByLabel('Status')).not.toHaveValue('');
});
