/**
 * A failing run reaches the user: one notification (as the notification
 * setting decides), the tray icon turns to attention, and clicking the
 * notification opens the window on that rule's activity.
 */
import { expect, test } from './fixtures';
import { activityTypes, addDemo, createRule, seedDemoFailureNext, value } from './steps';

test('a failing run: notification, attention icon, click opens the rule activity', async ({ launch, home }) => {
  seedDemoFailureNext(`${home}/profile`);
  const volsnap = await launch();
  const page = await volsnap.window();
  const targets = await addDemo(page);
  const healthy = await createRule(
    page,
    targets.find((t) => t.name === 'postgres-data')!,
    'Healthy',
  );
  const failing = await createRule(
    page,
    targets.find((t) => t.name === 'logs-archive')!,
    'Archive',
  );
  expect(await volsnap.trayIcon()).toBe('protected');

  await value(page, 'rules.runNow', { id: healthy });
  await value(page, 'rules.runNow', { id: failing });
  await expect.poll(() => activityTypes(page, failing)).toContain('run.failed');
  await expect.poll(() => activityTypes(page, healthy)).toContain('run.succeeded');

  // The default policy ("failures"): the failure is shown, the success is not.
  await expect
    .poll(() => volsnap.notifications())
    .toEqual([expect.objectContaining({ title: 'Snapshot failed', urgency: 'critical' })]);
  await expect.poll(() => volsnap.trayIcon()).toBe('attention');

  // Away from the page the notification points to, the window closed (to the tray).
  await page.evaluate(`location.hash = '#/settings'`);
  await volsnap.closeWindow();
  await expect.poll(async () => (await volsnap.windows()).map((w) => w.visible)).toEqual([false]);
  await volsnap.clickNotification(0);
  await expect.poll(async () => (await volsnap.windows()).map((w) => w.visible)).toEqual([true]);
  await expect.poll(() => page.evaluate('location.hash')).toBe(`#/activity?rule=${failing}`);
});

test('notifications "all": successes are shown too; "off": nothing is', async ({ volsnap }) => {
  const page = await volsnap.window();
  const targets = await addDemo(page);
  const rule = await createRule(
    page,
    targets.find((t) => t.name === 'postgres-data')!,
    'Nightly',
  );

  await value(page, 'settings.update', { notifications: 'all' });
  await value(page, 'rules.runNow', { id: rule });
  await expect.poll(() => volsnap.notifications()).toEqual([expect.objectContaining({ title: 'Snapshot taken' })]);

  await value(page, 'settings.update', { notifications: 'off' });
  await value(page, 'rules.runNow', { id: rule });
  await expect.poll(async () => (await activityTypes(page, rule)).filter((t) => t === 'run.succeeded').length).toBe(2);
  // The notifier collects for a moment before it shows; wait past it, then nothing new may be there.
  await page.waitForTimeout(3_000);
  expect(await volsnap.notifications()).toHaveLength(1);
});
