/**
 * Issue 15 item 7: a snapshot's detail, opened from any snapshot row by mouse
 * or keyboard: copy the provider id, open the provider's console, how to
 * restore, retry a failed run, delete (confirmed; refused, with the reason,
 * when the provider no longer shows it as volsnap's).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { runToTheEnd, ruleWithSnapshots } from './support/snapshots';

const dir = 'artifacts/screenshots';

async function openFromActivity(page: Page, url: string, name: string) {
  await page.goto(`${url}#/activity`);
  const button = page.getByRole('table', { name: 'Snapshots' }).getByRole('button', { name });
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('the detail copies the id, links to the console, says how to restore, and deletes', async ({
  page,
  bridge,
  digitalOcean,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.route('https://cloud.digitalocean.com/**', (route) => route.fulfill({ body: 'console' }));
  const { ruleId, volumeId } = await ruleWithSnapshots(page, bridge, digitalOcean, 1);
  const [row] = bridge.core.repos.snapshots.listByRule(ruleId);
  const dialog = await openFromActivity(page, bridge.url, row!.name);

  await dialog.getByRole('button', { name: 'Copy id' }).click();
  await expect(dialog.getByText('Copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(row!.providerSnapshotId);

  const link = dialog.getByRole('link', { name: 'Open in console' });
  await expect(link).toHaveAttribute('href', 'https://cloud.digitalocean.com/images/snapshots/volumes');
  const popup = page.waitForEvent('popup');
  await link.click();
  expect((await popup).url()).toBe('https://cloud.digitalocean.com/images/snapshots/volumes');
  await (await popup).close();

  await expect(dialog.getByRole('heading', { name: 'How to restore from it' })).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Create Volume' })).toBeVisible();
  await page.screenshot({ path: `${dir}/snapshot-detail-light.png` });
  await page.setViewportSize({ width: 800, height: 600 });
  await page.screenshot({ path: `${dir}/snapshot-detail-800x600.png` });
  await page.setViewportSize({ width: 1280, height: 800 });

  await dialog.getByRole('button', { name: 'Delete snapshot…' }).click();
  await expect(dialog.getByText(`Delete ${row!.name}`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete at the provider' }).click();
  await expect(dialog.getByText('Deleted', { exact: true })).toBeVisible();
  expect(digitalOcean.snapshotsOf(volumeId)).toHaveLength(0);
});

test('the detail refuses to delete a snapshot the provider no longer shows as volsnap’s, and says why', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  const { ruleId, volumeId } = await ruleWithSnapshots(page, bridge, digitalOcean, 1);
  const [row] = bridge.core.repos.snapshots.listByRule(ruleId);
  digitalOcean.state.snapshots.get(row!.providerSnapshotId!)!.tags = [];
  const dialog = await openFromActivity(page, bridge.url, row!.name);
  await dialog.getByRole('button', { name: 'Delete snapshot…' }).click();
  await dialog.getByRole('button', { name: 'Delete at the provider' }).click();
  await expect(dialog.getByText(/Not deleted\. volsnap did not make this snapshot/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Delete snapshot…' })).toBeVisible();
  expect(digitalOcean.snapshotsOf(volumeId)).toHaveLength(1);
  await page.evaluate(() => window.volsnap.settings.update({ theme: 'dark' }));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: `${dir}/snapshot-detail-refused-dark.png` });
  const scan = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a failed run’s detail retries it through Run now', async ({ page, bridge, digitalOcean }) => {
  const { ruleId, volumeId } = await ruleWithSnapshots(page, bridge, digitalOcean, 0);
  digitalOcean.faults.script.push({
    route: 'POST /v2/volumes/:volume_id/snapshots',
    count: 1,
    act: false,
    reply: {
      kind: 'raw',
      status: 422,
      body: JSON.stringify({ id: 'unprocessable_entity', message: 'Volume is not ready.' }),
    },
  });
  await runToTheEnd(page, bridge, ruleId);
  const [failed] = bridge.core.repos.snapshots.listByRule(ruleId);
  expect(failed!.status).toBe('error');
  const dialog = await openFromActivity(page, bridge.url, failed!.name);
  await expect(dialog.getByText('The run failed.')).toBeVisible();
  await expect(dialog.getByRole('link', { name: 'Open in console' })).toBeVisible();
  await expect(async () => {
    await dialog.getByRole('button', { name: 'Retry now' }).click();
    await expect(dialog.getByText('A new run started')).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect.poll(() => digitalOcean.snapshotsOf(volumeId).length).toBe(1);
});
