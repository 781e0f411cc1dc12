import { test, expect } from './fixtures';

const pages = ['Overview', 'Accounts', 'Volumes', 'Rules', 'Activity', 'Settings'];

test('every page is reachable from the navigation', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of pages) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  }
});

test('the page reaches the real service through the preload API', async ({ page }) => {
  const info = await page.evaluate(async () => window.volsnap.app.info());
  expect(info).toMatchObject({ ok: true, value: { version: 'e2e' } });
  const refused = await page.evaluate(async () => window.volsnap.accounts.rename({ id: -1, name: '' } as never));
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});
