/**
 * The page stays current even when a change is announced while its event
 * stream is still connecting (after a reload, or a reconnect): such an event is
 * lost in transit, so opening the stream refetches what the page shows. Progress
 * is not sent to a hidden window at all, so the page lists it again when shown.
 */
import { test, expect } from './fixtures';
import { addDigitalOcean } from './support/accounts';

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

test('a change announced while the first read of the same data is still on its way is not lost', async ({ page }) => {
  // The page's first settings read is answered ("system") before the change, but reaches the page after it.
  let answered = () => {};
  const wasAnswered = new Promise<void>((resolve) => (answered = resolve));
  let deliver = () => {};
  const mayDeliver = new Promise<void>((resolve) => (deliver = resolve));
  await page.route(
    '**/rpc/settings%3Aget',
    async (route) => {
      const response = await route.fetch();
      answered();
      await mayDeliver;
      await route.fulfill({ response });
    },
    { times: 1 },
  );
  await page.reload();
  await wasAnswered;
  await page.evaluate(() => window.volsnap.settings.update({ theme: 'dark' }));
  deliver();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('progress the page was not sent (a hidden window gets none) is listed again when the page becomes visible', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  await addDigitalOcean(page, bridge);
  await page.route('**/events', () => undefined); // from here on, no event reaches the page
  await page.goto(`${bridge.url}#/volumes`);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Volumes' })).toBeVisible();

  digitalOcean.addVolume({ name: 'logs', region: 'fra1', sizeGb: 20 });
  await page.getByRole('button', { name: 'Refresh from providers' }).click();
  await expect.poll(() => bridge.core.repos.targets.list().length).toBe(3);
  // Its progress was pushed, and lost; becoming visible lists it again.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const progress = page.getByRole('list', { name: 'Refresh progress' });
  await expect(progress.getByText('Found 3 volumes and servers.')).toBeVisible();
});
