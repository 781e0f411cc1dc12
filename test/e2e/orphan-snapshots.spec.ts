/**
 * Issue 15 item 7: deleting a rule asks what to do with its snapshots (count
 * and size shown); kept ones are listed under Snapshots without a rule (from
 * Activity, counted on the Overview) and can be deleted there; a failed
 * deletion is shown per snapshot with its reason and a retry. Deletions are
 * checked at the DigitalOcean emulator, not only on screen.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ruleWithSnapshots } from './support/snapshots';

const dir = 'artifacts/screenshots';

async function deleteRule(page: Page, url: string, ruleId: number) {
  await page.goto(`${url}#/rules/${ruleId}`);
  await page.getByRole('button', { name: 'Delete rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete rule "Nightly db"?' });
  await expect(dialog.getByText(/It owns 2 snapshots, [\d.]+ GB at the provider\./)).toBeVisible();
  return dialog;
}

test('a deleted rule’s kept snapshots are listed without a rule and can be deleted there', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  const { ruleId, volumeId } = await ruleWithSnapshots(page, bridge, digitalOcean, 2);
  const dialog = await deleteRule(page, bridge.url, ruleId);
  await expect(dialog.getByRole('radio', { name: /Keep them/ })).toBeChecked();
  await page.screenshot({ path: `${dir}/delete-rule-dialog-light.png` });
  await dialog.getByRole('button', { name: 'Delete rule' }).click();
  await expect(page.getByRole('heading', { name: 'Rules', level: 1 })).toBeVisible();
  expect(digitalOcean.snapshotsOf(volumeId)).toHaveLength(2);

  // The Overview counts them and leads to the view; Activity no longer calls them "manual".
  await page.goto(`${bridge.url}#/`);
  await expect(page.getByText(/2 snapshots, [\d.]+ GB without a rule/)).toBeVisible();
  await page.goto(`${bridge.url}#/activity`);
  await expect(page.getByRole('table', { name: 'Snapshots' }).getByText('db-data · no rule').first()).toBeVisible();
  await page.getByRole('link', { name: 'Snapshots without a rule' }).click();
  await expect(page.getByRole('heading', { name: 'Snapshots without a rule', level: 1 })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: '"Nightly db" (deleted)' })).toHaveCount(2);

  await page.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByRole('button', { name: 'Delete selected (2)…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete 2 snapshots at the provider?' });
  await expect(confirm.getByText(/2 snapshots, [\d.]+ GB\./)).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete 2 snapshots' }).click();
  await expect(page.getByText('Every snapshot volsnap made belongs to a rule.')).toBeVisible();
  expect(digitalOcean.snapshotsOf(volumeId)).toHaveLength(0);
  await page.goto(`${bridge.url}#/`);
  await expect(page.getByRole('list', { name: 'Protection status' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Review snapshots without a rule' })).toHaveCount(0);
});

test('deleting a rule with its snapshots deletes them at the provider', async ({ page, bridge, digitalOcean }) => {
  const { ruleId, volumeId } = await ruleWithSnapshots(page, bridge, digitalOcean, 2);
  const byHand = digitalOcean.addVolumeSnapshot(volumeId, 'volsnap-made-by-hand', ['volsnap']);
  const dialog = await deleteRule(page, bridge.url, ruleId);
  await dialog.getByRole('radio', { name: /Delete them at the provider/ }).check();
  await dialog.getByRole('button', { name: 'Delete rule and 2 snapshots' }).click();
  await expect(page.getByRole('heading', { name: 'Rules', level: 1 })).toBeVisible();
  // Only the rule's own snapshots go; one with volsnap's name but no rule key of this volsnap stays.
  await expect.poll(() => digitalOcean.snapshotsOf(volumeId).map((s) => s.id)).toEqual([byHand.id]);
  await page.goto(`${bridge.url}#/activity/without-rule`);
  await expect(page.getByText('Every snapshot volsnap made belongs to a rule.')).toBeVisible();
});

test('a failed deletion shows its reason on the snapshot, and Retry deletes it', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  const { ruleId, volumeId } = await ruleWithSnapshots(page, bridge, digitalOcean, 2);
  const dialog = await deleteRule(page, bridge.url, ruleId);
  await dialog.getByRole('button', { name: 'Delete rule' }).click();
  await expect(page.getByRole('heading', { name: 'Rules', level: 1 })).toBeVisible();
  digitalOcean.faults.script.push({
    route: 'DELETE /v2/volumes/snapshots/:snapshot_id',
    count: 1,
    act: false,
    reply: {
      kind: 'raw',
      status: 422,
      body: JSON.stringify({ id: 'unprocessable_entity', message: 'Snapshot is busy.' }),
    },
  });
  await page.goto(`${bridge.url}#/activity/without-rule`);
  const row = page.getByRole('row').filter({ hasText: '"Nightly db" (deleted)' }).first();
  const name = (await row.getByRole('button').first().textContent())!;
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Delete selected (1)…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete 1 snapshot' }).click();
  const failed = page.getByRole('row').filter({ hasText: name });
  await expect(failed.getByText('Not deleted')).toBeVisible();
  await expect(failed.getByText(/DigitalOcean .*422/)).toBeVisible();
  expect(digitalOcean.snapshotsOf(volumeId)).toHaveLength(2);
  await page.screenshot({ path: `${dir}/without-rule-failed-light.png` });
  const scan = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.setViewportSize({ width: 800, height: 600 });
  await page.screenshot({ path: `${dir}/without-rule-failed-800x600.png` });
  await page.evaluate(() => window.volsnap.settings.update({ theme: 'dark' }));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: `${dir}/without-rule-failed-dark.png` });

  await failed.getByRole('button', { name: `Retry deleting ${name}` }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  expect(digitalOcean.snapshotsOf(volumeId)).toHaveLength(1);
});
