/**
 * Issue 15 item 3: the Rules list says a rule is failing when its last run
 * failed, as Volumes and the Overview do, instead of "Active".
 */
import { test, expect } from './fixtures';
import { seedLarge } from './support/seed';

test('item 3: a rule whose last run failed says Failing on the Rules page, as Volumes does', async ({
  page,
  bridge,
}) => {
  seedLarge(bridge, { targets: 60, snapshots: 1_500, events: 200, ruleEvery: 3 });
  await page.goto(`${bridge.url}#/volumes`);
  const volume = page.getByRole('row', { name: /vol-00000-fra1/ });
  await expect(volume.getByText('Failing', { exact: true })).toBeVisible();

  await page.goto(`${bridge.url}#/rules`);
  const rule = page.getByRole('row', { name: /Daily vol-00000/ });
  await expect(rule.getByText(/failed/)).toBeVisible();
  await expect(rule.getByText('Failing', { exact: true })).toBeVisible();
  await expect(rule.getByText('Active', { exact: true })).toHaveCount(0);
});
