/**
 * Issue 15 item 5 beyond DigitalOcean: a second key of a Google Cloud project
 * that is already connected is refused in the Add account form, naming the
 * connected account, against the Compute Engine emulator; nothing is saved and
 * the volumes are not listed twice.
 */
import { createProviderClient } from '../../src/main/providers';
import { startGcpFake, type GcpFake } from '../fakes/gcp';
import { test as base, expect } from './fixtures';

const test = base.extend<{ gcp: GcpFake }>({
  // eslint-disable-next-line no-empty-pattern
  gcp: async ({}, use) => {
    const fake = await startGcpFake();
    fake.addDisk({ name: 'db-data', zone: 'europe-west1-b', sizeGb: 100 });
    await use(fake);
    await fake.close();
  },
  bridgeOptions: async ({ gcp }, use) => {
    await use({
      providers: (kind, token, options) =>
        createProviderClient(kind, token, { ...options, ...(kind === 'gcp' ? { baseUrl: gcp.url } : {}) }),
    });
  },
});

test('a second key of a connected Google Cloud project is refused, naming the account', async ({
  page,
  bridge,
  gcp,
}) => {
  const added = await bridge.core.dispatch('accounts:add', {
    provider: 'gcp',
    name: 'Production',
    token: gcp.keyFile(),
  });
  expect(added.ok).toBe(true);
  await bridge.core.dispatch('targets:refresh', undefined);

  await page.goto(`${bridge.url}#/accounts`);
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('radio', { name: 'Google Cloud' }).check();
  await page.getByLabel('Account name').fill('Again');
  // Another key of the same service account: a different private key id, the same project.
  await page
    .getByLabel('Service-account key (JSON)')
    .fill(gcp.keyFile({ private_key_id: 'a-second-key-of-production' }));
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByRole('alert')).toContainText(
    `This Google Cloud project ${gcp.project} is already connected as "Production"; its volumes would be listed twice.`,
  );
  await page.getByRole('alert').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/screenshots/failure-duplicate-gcp-account.png' });
  expect(bridge.core.repos.accounts.list().map((a) => a.name)).toEqual(['Production']);
  await page.goto(`${bridge.url}#/volumes`);
  await expect(page.getByText('db-data')).toHaveCount(1);
});
