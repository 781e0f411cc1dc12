/**
 * Adding a Google Cloud project in the real UI: the service-account key is
 * chosen as a file (or pasted), checked with the Compute Engine emulator, and
 * its private key is never shown on the page once recognised.
 */
import { createProviderClient } from '../../src/main/providers';
import { startGcpFake, type GcpFake } from '../fakes/gcp';
import { test as base, expect } from './fixtures';

const test = base.extend<{ gcp: GcpFake }>({
  // eslint-disable-next-line no-empty-pattern
  gcp: async ({}, use) => {
    const fake = await startGcpFake();
    fake.addDisk({ name: 'db-data', zone: 'europe-west1-b', sizeGb: 100 });
    fake.addDisk({ name: 'logs', zone: 'us-central1-a', sizeGb: 20 });
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

test('a Google Cloud key chosen as a file is verified and never shown', async ({ page, bridge, gcp }) => {
  await page.getByRole('link', { name: 'Add a cloud account' }).click();
  await page.getByRole('radio', { name: 'Google Cloud' }).check();
  await expect(page.getByText('compute.disks.createSnapshot', { exact: false })).toBeVisible();
  await page.getByLabel('Account name').fill('Prod project');

  // Something that is not a key: explained next to the field, nothing saved.
  await page.getByLabel('Service-account key (JSON)').fill('{"type": "authorized_user"}');
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByLabel('Service-account key (JSON)')).toHaveAccessibleDescription(/user credential/);
  expect(bridge.core.repos.accounts.list()).toHaveLength(0);

  await page.getByLabel('Service-account key (JSON)').fill('');
  await page.getByLabel('Or choose the JSON key file').setInputFiles({
    name: 'prod-project-1234.json',
    mimeType: 'application/json',
    buffer: Buffer.from(gcp.keyFile()),
  });
  await expect(page.getByRole('status').filter({ hasText: gcp.account.clientEmail })).toBeVisible();
  // The error about the previous input went with it.
  await expect(page.getByText('user credential')).toHaveCount(0);
  const pemLine = gcp.account.privateKeyPem.split('\n')[3]!;
  expect(await page.content()).not.toContain(pemLine);

  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Google Cloud account "Prod project"' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Prod project' })).toBeVisible();
  expect(await page.content()).not.toContain(pemLine);
  const [account] = bridge.core.repos.accounts.list();
  expect(account!.description).toContain(gcp.project);

  await page.goto(`${bridge.url}#/volumes`);
  await expect(page.getByText('db-data')).toBeVisible();
  await expect(page.getByText('logs')).toBeVisible();
});
