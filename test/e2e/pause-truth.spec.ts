/**
 * Issue 15 item 4 and item 10's Overview part: pausing is a deliberate choice
 * with a duration, shown on every page with the time left and an undo, and a
 * pause never hides a failure; "Needs attention" is ordered by severity.
 */
import { test, expect } from './fixtures';
import { addDigitalOcean, addRule, runAndSettle } from './support/accounts';

test('item 4: pause for a chosen time, failures still counted, a banner with the time left and undo', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  const accountId = await addDigitalOcean(page, bridge);
  const ruleId = addRule(bridge, accountId);
  digitalOcean.token = 'rotated';
  await runAndSettle(page, bridge, ruleId);
  await page.goto(`${bridge.url}#/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  // The first control of the page is not one that pauses everything.
  const first = await page.evaluate(() => {
    const main = document.querySelector('main');
    const control = main?.querySelector<HTMLElement>('a[href], button, input, select, textarea');
    return control?.innerText ?? '';
  });
  expect(first).not.toMatch(/pause/i);

  await page.getByRole('button', { name: 'Pause snapshots…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause scheduled snapshots?' });
  await dialog.getByRole('radio', { name: 'For 4 hours' }).check();
  await dialog.getByRole('button', { name: 'Pause snapshots' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeFocused();

  const banner = page.getByRole('region', { name: 'Snapshots paused' });
  await expect(banner).toContainText(/for (4 h|3 h 59 min) more/);
  await expect(banner).toContainText('1 volume failing meanwhile');
  const counts = page.getByRole('list', { name: 'Protection status' });
  await expect(counts.getByRole('link', { name: /Failing/ })).toContainText('1');
  await expect(counts.getByRole('link', { name: /Paused/ })).toContainText('0');
  await page.screenshot({ path: 'artifacts/screenshots/failure-paused-with-failures.png', fullPage: true });

  // The banner follows to other pages; Resume now is the undo.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Volumes' }).click();
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Resume now' }).click();
  await expect(banner).toBeHidden();
  expect(bridge.core.engine.pausedUntil()).toBeNull();
});

test('item 4: "until I resume them" says so instead of a date', async ({ page, bridge }) => {
  await addDigitalOcean(page, bridge);
  await page.goto(`${bridge.url}#/`);
  await page.getByRole('button', { name: 'Pause snapshots…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause scheduled snapshots?' });
  await dialog.getByRole('radio', { name: 'Until I resume them' }).check();
  await dialog.getByRole('button', { name: 'Pause snapshots' }).click();
  await expect(page.getByRole('region', { name: 'Snapshots paused' })).toContainText('until you resume them');
});

test('item 10: "Needs attention" puts the worst first and says how many more there are', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  for (let i = 1; i <= 8; i += 1) digitalOcean.addVolume({ name: `vol-${i}`, region: 'fra1', sizeGb: 10 });
  const accountId = await addDigitalOcean(page, bridge);
  await expect.poll(() => bridge.core.repos.targets.list(accountId).length).toBeGreaterThanOrEqual(10);
  // One failing volume whose name sorts last among the unprotected ones.
  digitalOcean.faults.script.push({
    route: 'POST /v2/volumes/:volume_id/snapshots',
    count: 1,
    act: false,
    reply: { kind: 'raw', status: 422, body: '{"id":"unprocessable_entity","message":"Volume is not ready."}' },
  });
  await runAndSettle(page, bridge, addRule(bridge, accountId, 'vol-8', 'Hourly vol-8'));
  await page.goto(`${bridge.url}#/`);
  const list = page.getByRole('list', { name: 'Needs attention, worst first' });
  await expect(list.getByRole('listitem').first()).toContainText('Failing');
  await expect(list.getByRole('listitem').first()).toContainText('vol-8');
  await expect(list.getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('link', { name: /^\d+ more volumes$/ })).toBeVisible();
});
