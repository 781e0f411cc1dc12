/**
 * Issue 15, items 1, 2, 5, 11 and 12 (focus): the account says what is really
 * wrong (one cause, one fix), in our words first, once; attention clears when
 * the fix works; the same cloud account cannot be added twice.
 */
import { createProviderClient } from '../../src/main/providers';
import { test as base, expect } from './fixtures';
import { addDigitalOcean, addRule, runAndSettle } from './support/accounts';

const test = base.extend({
  bridgeOptions: async ({ digitalOcean }, use) => {
    await use({
      providers: (kind, token, options) =>
        createProviderClient(kind, token, {
          ...options,
          ...(kind === 'digitalocean' ? { baseUrl: digitalOcean.url } : {}),
        }),
      engine: { tuning: { pollInitialMs: 300, pollMaxMs: 500 } },
    });
  },
});

/** Every read scope, none to create or delete: what DigitalOcean's "Read Only" token has. */
const readOnlyScopes = [
  'account:read',
  'block_storage:read',
  'block_storage_snapshot:read',
  'droplet:read',
  'image:read',
  'snapshot:read',
  'actions:read',
];

test('item 1: a read-only token is not "Token works"; the first 403 names the permission on the account', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  digitalOcean.scopes = readOnlyScopes;
  const accountId = await addDigitalOcean(page, bridge);
  await page.goto(`${bridge.url}#/accounts`);
  const card = page.getByRole('article', { name: 'Prod' });
  await expect(card.locator('.badge')).toHaveText('Token accepted');
  await expect(card).not.toContainText('Token works');
  await expect(card.getByText('block_storage_snapshot:create', { exact: true })).toBeVisible();

  await runAndSettle(page, bridge, addRule(bridge, accountId));
  await expect(card.locator('.badge')).toHaveText('Missing permission');
  await expect(card).toContainText('lacks the "block_storage_snapshot:create" permission');
  await expect(card.getByRole('button', { name: 'Replace token' })).toHaveCount(1);
  await page.screenshot({ path: 'artifacts/screenshots/failure-permission-missing.png', fullPage: true });

  // The Overview leads with the account's cause, not "1 volume failing".
  await page.goto(`${bridge.url}#/`);
  await expect(page.locator('.callout-error')).toContainText('Prod: missing permission');
  await expect(page.getByRole('link', { name: 'Replace the token' })).toBeVisible();
});

test('item 2: a revoked token says so on the account and the Overview; replacing it clears the attention', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  const accountId = await addDigitalOcean(page, bridge);
  const ruleId = addRule(bridge, accountId);
  digitalOcean.token = 'rotated';
  await runAndSettle(page, bridge, ruleId);

  await page.goto(`${bridge.url}#/`);
  await expect(page.locator('.callout-error')).toContainText('Prod: token rejected');
  const attention = page.getByRole('list', { name: 'Needs attention, worst first' });
  await expect(attention.getByRole('listitem').first()).toContainText('Token rejected');
  await page.screenshot({ path: 'artifacts/screenshots/failure-token-revoked.png', fullPage: true });

  await page.goto(`${bridge.url}#/accounts`);
  const card = page.getByRole('article', { name: 'Prod' });
  await expect(card.locator('.badge')).toHaveText('Token rejected');
  // A rule runs at most once per second (its slot); a person replaces a token later than a test does.
  const failedAt = Date.parse(bridge.core.repos.snapshots.listByRule(ruleId)[0]!.requestedAt);
  await expect.poll(() => Math.floor(Date.now() / 1000) > Math.floor(failedAt / 1000)).toBe(true);
  await card.getByRole('button', { name: 'Replace token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace the token of "Prod"' });
  await dialog.getByLabel('New API token').fill('rotated');
  await dialog.getByRole('button', { name: 'Verify and replace' }).click();
  await expect(dialog).toBeHidden();

  // The stale 401 attention is gone and the rule ran again with the new token.
  await expect.poll(() => bridge.core.repos.rules.get(ruleId)?.attention ?? null).toBeNull();
  await expect
    .poll(() => bridge.core.repos.snapshots.listByRule(ruleId).some((s) => s.status === 'available'))
    .toBe(true);
  await expect(card.locator('.badge')).toHaveText('Token works');
  await page.goto(`${bridge.url}#/`);
  await expect(page.locator('.callout-error')).toHaveCount(0);
});

test('item 2: a provider outage during "Check token" is not a rejected token, and "Retry now" recovers', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  await addDigitalOcean(page, bridge);
  await page.goto(`${bridge.url}#/accounts`);
  const card = page.getByRole('article', { name: 'Prod' });
  // Every attempt of the check answers 500 (the client retries a few times).
  digitalOcean.faults.script.push({
    route: 'GET /v2/account',
    count: 4,
    act: false,
    reply: { kind: 'raw', status: 500, body: '{"id":"server_error","message":"Unexpected server-side error"}' },
  });
  await card.getByRole('button', { name: 'Check token' }).click();
  await expect(card.locator('.badge')).toHaveText('DigitalOcean unavailable');
  await expect(card.locator('.badge')).not.toHaveClass(/badge-failing/);
  await expect(card).toContainText('The token was not rejected');

  await card.getByRole('button', { name: 'Retry now' }).click();
  await expect(card.locator('.badge')).toHaveText(/Token (works|accepted)/);
});

test('item 11: our words first, the provider detail on demand, links as links, each message once', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  const accountId = await addDigitalOcean(page, bridge);
  digitalOcean.token = 'rotated';
  await runAndSettle(page, bridge, addRule(bridge, accountId));
  await page.goto(`${bridge.url}#/accounts`);
  const card = page.getByRole('article', { name: 'Prod' });
  await expect(card.locator('.badge')).toHaveText('Token rejected');
  const details = card.locator('details');
  await expect(details.getByText('Unable to authenticate you')).toBeHidden();
  await expect(card.getByText(/no longer accepts this account's token/)).toHaveCount(1);
  await details.getByText('What the provider said').click();
  await expect(details).toContainText('(401)');
  await expect(details.getByRole('link', { name: 'https://cloud.digitalocean.com/account/api/tokens' })).toBeVisible();
});

test('item 5: the same DigitalOcean account cannot be added twice', async ({ page, bridge }) => {
  await addDigitalOcean(page, bridge, 'Production');
  await page.goto(`${bridge.url}#/accounts`);
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('radio', { name: 'DigitalOcean' }).check();
  await page.getByLabel('Account name').fill('Again');
  await page.getByLabel('API token').fill('good');
  await page.getByRole('button', { name: 'Verify and add account' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'This DigitalOcean account (ops@example.com, team Example Team) is already connected as "Production"',
  );
  expect(bridge.core.repos.accounts.list()).toHaveLength(1);
  // Item 12: focus stays on a control after the failure, not on <body>.
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
});

test('item 12: removing an account leaves focus on the page, not <body>', async ({ page, bridge }) => {
  await addDigitalOcean(page, bridge);
  await page.goto(`${bridge.url}#/accounts`);
  await page.getByRole('article', { name: 'Prod' }).getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove account' }).click();
  await expect(page.getByRole('article', { name: 'Prod' })).toBeHidden();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
});

test('Settings sends a test notification through the system', async ({ page, bridge }) => {
  await page.goto(`${bridge.url}#/settings`);
  await page.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sent.' })).toBeVisible();
  expect(bridge.notifications).toHaveLength(1);
});
