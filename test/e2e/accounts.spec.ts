import { test, expect } from './fixtures';

test('first run offers an account or the demo cloud', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Welcome to volsnap' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add a cloud account' })).toBeVisible();
  await page.getByRole('button', { name: 'Try the demo cloud' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Volumes' })).toBeVisible();
});

test('a rejected token is explained next to the form and nothing is saved', async ({ page, bridge }) => {
  await page.getByRole('link', { name: 'Add a cloud account' }).click();
  await page.getByRole('radio', { name: 'DigitalOcean' }).check();
  await expect(page.getByText('block_storage:read')).toBeVisible();
  await page.getByLabel('Account name').fill('Production');
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByLabel('API token')).toHaveAccessibleDescription(/Paste the API token/);

  await page.getByLabel('API token').fill('bad');
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByRole('alert')).toContainText('rejected the token (401)');
  expect(bridge.core.repos.accounts.list()).toHaveLength(0);

  await page.getByLabel('API token').fill('good');
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added DigitalOcean account "Production"' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Production' })).toBeVisible();
});

test('rename, check and remove an account; the dialog lists the rules that go with it', async ({ page, bridge }) => {
  await page.evaluate(() => window.volsnap.accounts.add({ provider: 'digitalocean', name: 'Prod', token: 'good' }));
  await page.goto(`${bridge.url}#/accounts`);
  const card = page.getByRole('article', { name: 'Prod' });
  await expect(card).toBeVisible();

  await card.getByRole('button', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename "Prod"' });
  await rename.getByLabel('New name').fill('Production');
  await rename.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('article', { name: 'Production' })).toBeVisible();

  // A rule on one of its volumes, so removal has something to list.
  const account = bridge.core.repos.accounts.list()[0]!;
  await expect.poll(() => bridge.core.repos.targets.list(account.id).length).toBeGreaterThan(0);
  const target = bridge.core.repos.targets.list(account.id)[0]!;
  bridge.core.repos.rules.insert(
    {
      targetId: target.id,
      name: 'Nightly db',
      schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
      retention: { keepLast: 7, keepDays: null, gfs: null },
      nameTemplate: 'volsnap-{volume}-{utc}',
      enabled: true,
      catchUp: 'once',
    },
    new Date().toISOString(),
  );

  const prod = page.getByRole('article', { name: 'Production' });
  await prod.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove "Production"?' });
  await expect(dialog.getByRole('list', { name: 'Rules that will be removed' })).toContainText('Nightly db');
  // Escape closes without removing, and focus returns to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(prod.getByRole('button', { name: 'Remove' })).toBeFocused();

  await prod.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove account' }).click();
  await expect(page.getByRole('article', { name: 'Production' })).toBeHidden();
  expect(bridge.core.repos.accounts.list()).toHaveLength(0);
});

test.describe('without a keyring', () => {
  test.use({ secretStorage: { available: true, secure: false, backend: 'basic_text' } });

  test('the user decides before a token is stored', async ({ page }) => {
    await page.goto(page.url().replace(/#.*$/, '') + '#/accounts');
    const region = page.getByRole('region', { name: 'Token storage' });
    await expect(region).toContainText('no keyring');
    await expect(page.getByLabel('API token')).toBeDisabled();
    await region.getByRole('button', { name: 'Store tokens without a keyring' }).click();
    await expect(page.getByText('which you accepted')).toBeVisible();
    await expect(page.getByLabel('API token')).toBeEnabled();
  });
});
