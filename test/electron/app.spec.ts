/**
 * The main journey on the built app: first start, the demo account, a rule,
 * a run, the Activity page.
 */
import { expect, test } from './fixtures';
import { activityTypes, addDemo, createRule, value } from './steps';

test('first start: the window opens and shows the welcome', async ({ volsnap }) => {
  const page = await volsnap.window();
  await expect(page.getByRole('heading', { name: 'Welcome to volsnap' })).toBeVisible();
  await expect.poll(async () => (await volsnap.windows()).map((w) => w.visible)).toEqual([true]);
});

test('started with --hidden (as at login): no window and no renderer until the tray opens one', async ({ launch }) => {
  const volsnap = await launch({ args: ['--hidden'] });
  // The tray is up (its menu has loaded from the core) before anything is judged.
  await expect.poll(async () => (await volsnap.trayItems()).map((i) => i.id)).toContain('open');
  expect(await volsnap.windows()).toEqual([]);
  expect(await volsnap.rendererExists()).toBe(false);

  await volsnap.clickTray('open');
  const page = await volsnap.window();
  await expect(page.getByRole('heading', { name: 'Welcome to volsnap' })).toBeVisible();
  await expect.poll(async () => (await volsnap.windows()).map((w) => w.visible)).toEqual([true]);
});

test('add the demo account, create a rule, run it, see it in Activity', async ({ volsnap }) => {
  const page = await volsnap.window();
  const targets = await addDemo(page);
  const target = targets.find((t) => t.name === 'postgres-data')!;
  const ruleId = await createRule(page, target, 'Nightly');

  await value(page, 'rules.runNow', { id: ruleId });
  await expect.poll(() => activityTypes(page, ruleId)).toContain('run.succeeded');

  await page.evaluate(`location.hash = '#/activity'`);
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
  // The snapshot is listed under the name the template gave it: {volume} and {date} filled in.
  await expect(page.getByRole('row', { name: /volsnap-postgres-data-\d{8}/ }).first()).toBeVisible();
});
