/**
 * The whole first-use journey against the real core, the real provider
 * clients and the DigitalOcean emulator: first run, demo cloud, a rejected
 * then an accepted token, volumes, a daily rule, run now, the snapshot going
 * from creating to available, retention preview, and removing the account.
 */
import { test as base, expect } from './fixtures';
import { createProviderClient } from '../../src/main/providers';
import { startDigitalOceanFake, DO_FAKE_TOKEN } from '../fakes';

const test = base.extend({
  // Playwright reads a fixture's dependencies from its destructuring, so none is written as {}.
  // eslint-disable-next-line no-empty-pattern
  digitalOcean: async ({}, use) => {
    // Droplet snapshots go through an action that stays in progress for a few polls.
    const fake = await startDigitalOceanFake({ actionPolls: 2 });
    fake.addVolume({ name: 'pg-data', region: 'fra1', sizeGb: 100 });
    fake.addDroplet({ name: 'web-1', region: 'fra1', diskGb: 25 });
    await use(fake);
    await fake.close();
  },
  bridgeOptions: async ({ digitalOcean }, use) => {
    await use({
      providers: (kind, token, options) =>
        createProviderClient(kind, token, {
          ...options,
          ...(kind === 'digitalocean' ? { baseUrl: digitalOcean.url } : {}),
        }),
      engine: { tuning: { pollInitialMs: 800, pollMaxMs: 1_000 } },
    });
  },
});

test.describe.configure({ timeout: 90_000 });

test('first run to a protected volume and back', async ({ page, digitalOcean }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });

  // First run: the welcome offers the demo cloud.
  await expect(page.getByRole('heading', { name: 'Welcome to volsnap' })).toBeVisible();
  await page.getByRole('button', { name: 'Try the demo cloud' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Volumes' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Volumes' }).getByRole('row').nth(1)).toBeVisible();

  // A DigitalOcean account: a bad token is refused with the provider's words, then a good one works.
  await nav.getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('radio', { name: 'DigitalOcean' }).check();
  await page.getByLabel('Account name').fill('Production');
  await page.getByLabel('API token').fill('not-a-real-token');
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Could not add the account' });
  await expect(refusal).toContainText(/token/i);
  console.log(`[journey] bad token message: ${await refusal.innerText()}`);
  await page.getByLabel('API token').fill(DO_FAKE_TOKEN);
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added DigitalOcean account "Production"' })).toBeVisible();
  // Reading works; creating and deleting snapshots cannot be checked before the first snapshot.
  await expect(page.getByRole('article', { name: 'Production' })).toContainText('Token accepted');

  // Its volumes and droplets arrive; protect the droplet with a daily rule.
  await nav.getByRole('link', { name: 'Volumes' }).click();
  await page.getByLabel('Provider').selectOption('digitalocean');
  await expect(page.getByRole('row').filter({ hasText: 'pg-data' })).toBeVisible();
  await page.getByRole('button', { name: 'Protect web-1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New rule' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Daily' })).toBeChecked();
  await page.getByLabel('Time of day').fill('02:30');
  await expect(page.getByText(/every day at 02:30/i)).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'UTC' }).getByRole('row')).toHaveCount(6);
  await expect(page.getByText(/Example: volsnap-web-1-/)).toBeVisible();
  await page.getByRole('button', { name: 'Create rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rule saved' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /Edit rule/ })).toBeVisible();
  const ruleUrl = page.url();

  // Run now: Activity shows the snapshot creating, then available. The emulator
  // holds the snapshot action in progress until "Creating" has been seen.
  digitalOcean.actionPolls = Number.POSITIVE_INFINITY;
  await page.getByRole('button', { name: 'Run now' }).click();
  await page.getByRole('link', { name: 'Follow it in Activity' }).click();
  const snapshots = page.getByRole('table', { name: 'Snapshots' });
  const row = snapshots.getByRole('row').filter({ hasText: 'volsnap-web-1' }).first();
  await expect(row).toContainText(/Requested|Creating/);
  await expect(row).toContainText('Creating');
  digitalOcean.actionPolls = 1;
  await expect(row).toContainText('Available', { timeout: 30_000 });

  // A second snapshot, so that keeping only one shows a deletion in the preview.
  await page.goto(ruleUrl);
  await page.getByRole('button', { name: 'Run now' }).click();
  await expect(page.getByLabel('Run now progress')).toBeVisible();
  await nav.getByRole('link', { name: 'Activity' }).click();
  await expect(snapshots.getByRole('row').filter({ hasText: 'Available' })).toHaveCount(2, { timeout: 30_000 });

  await page.goto(ruleUrl);
  const preview = page.getByRole('region', { name: 'Retention preview' });
  await expect(preview).toContainText('Keeps 2 existing snapshots');
  await page.getByLabel('Number of snapshots to keep').fill('1');
  await expect(preview).toContainText('Saving would delete 1 existing snapshot');
  await expect(preview.getByRole('list', { name: 'Snapshots that would be deleted' })).toContainText('volsnap-web-1');
  await expect(preview).toContainText(/Storage cost of the existing snapshots it keeps: \$[\d.]+ per month/);
  // Invalid input is explained next to the field and not saved.
  await page.getByLabel('Number of snapshots to keep').fill('0');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByLabel('Number of snapshots to keep')).toHaveAccessibleDescription(/Use 1 to 10,000 snapshots/);
  await page.getByLabel('Number of snapshots to keep').fill('1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rule saved' })).toBeVisible();

  // Remove the account: the dialog names the rule that goes with it.
  await nav.getByRole('link', { name: 'Accounts' }).click();
  const card = page.getByRole('article', { name: 'Production' });
  await card.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove "Production"?' });
  await expect(dialog.getByRole('list', { name: 'Rules that will be removed' })).toContainText('Daily web-1');
  await dialog.getByRole('button', { name: 'Remove account' }).click();
  await expect(card).toBeHidden();
  await expect(page.getByRole('article')).toHaveCount(1);
});
