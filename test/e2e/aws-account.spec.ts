import { test, expect } from './fixtures';

test('the AWS form takes key id, secret, session token and regions separately and says what is wrong per field', async ({
  page,
  bridge,
}) => {
  await page.getByRole('link', { name: 'Add a cloud account' }).click();
  await page.getByRole('radio', { name: 'AWS' }).check();
  const policy = page.getByLabel('Minimal IAM policy for volsnap');
  await expect(policy).toContainText('"ec2:CreateSnapshot"');
  await expect(policy).toContainText('"aws:ResourceTag/managed-by": "volsnap"');
  await expect(page.getByRole('button', { name: 'Copy policy' })).toBeVisible();
  await expect(page.getByLabel('Secret access key')).toHaveAttribute('type', 'password');
  await expect(page.getByLabel('Session token (optional)')).toHaveAttribute('type', 'password');

  await page.getByLabel('Access key id').fill('AKIA123');
  await page.getByLabel('Regions (optional)').fill('eu-west-1, Frankfurt');
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByLabel('Access key id')).toHaveAccessibleDescription(/20 characters starting with AKIA/);
  await expect(page.getByLabel('Secret access key')).toHaveAccessibleDescription(/40 characters/);
  await expect(page.getByLabel('Regions (optional)')).toHaveAccessibleDescription(/codes such as eu-west-1/);

  await page.getByLabel('Access key id').fill('ASIAIOSFODNN7EXAMPLE');
  await page.getByLabel('Secret access key').fill('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  await page.getByLabel('Regions (optional)').fill('eu-west-1');
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByLabel('Session token (optional)')).toHaveAccessibleDescription(/paste the session token/);
  expect(bridge.core.repos.accounts.list()).toHaveLength(0);
});
