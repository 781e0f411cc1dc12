/**
 * The page stays current even when a change is announced while its event
 * stream is still connecting (after a reload, or a reconnect): such an event is
 * lost in transit, so opening the stream refetches what the page shows.
 */
import { test, expect } from './fixtures';

test('a change made while the event stream connects still reaches the page', async ({ page }) => {
  let openStream = () => {};
  const streamMayOpen = new Promise<void>((resolve) => (openStream = resolve));
  await page.route('**/events', async (route) => {
    await streamMayOpen;
    await route.continue();
  });
  await page.reload();
  // The page has read its settings (theme "system") but is not receiving events yet.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  await page.evaluate(() => window.volsnap.settings.update({ theme: 'dark' }));
  openStream();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
