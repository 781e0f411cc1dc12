/**
 * Issue 15 item 9: the rule editor keeps unsaved edits, points at the first
 * problem, refuses a week without days, names follow the schedule until the
 * user names the rule, there is a Weekly choice, intervals have a start time,
 * and a cron schedule is described once.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import type { Bridge } from '../bridge/server';
import { seedLarge } from './support/seed';

const shots = 'artifacts/screenshots';

/** axe (WCAG 2.x A/AA and best practice) violations as short lines. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function openNewRule(page: Page, targetId: number) {
  await page.evaluate((id) => (window.location.hash = `/rules/new?target=${id}`), targetId);
  await expect(page.getByRole('heading', { level: 1, name: 'New rule' })).toBeVisible();
}

/** The one rule the test created, beside the seeded ones. */
function createdRule(bridge: Bridge, seededIds: number[]) {
  const created = bridge.core.repos.rules.list().filter((r) => !seededIds.includes(r.id));
  expect(created).toHaveLength(1);
  return created[0]!;
}

const when = (page: Page) => page.getByRole('group', { name: 'When' });
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('unsaved edits are guarded on every way out; nothing is asked when nothing changed or after a save', async ({
  page,
  bridge,
}) => {
  const seeded = seedLarge(bridge, { targets: 3, snapshots: 0, events: 0, ruleEvery: 1 });
  const ruleId = seeded.ruleIds[0]!;
  await page.evaluate((id) => (window.location.hash = `/rules/${id}`), ruleId);
  const name = page.getByRole('textbox', { name: 'Rule name' });
  await expect(name).toHaveValue('Daily vol-00000');

  // Nothing changed: leave without a question.
  await nav(page).getByRole('link', { name: 'Volumes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Volumes' })).toBeVisible();
  await page.goBack();
  await expect(name).toHaveValue('Daily vol-00000');

  await name.fill('Nightly database');
  await nav(page).getByRole('link', { name: 'Rules' }).click();
  const dialog = page.getByRole('dialog', { name: 'Discard changes?' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `${shots}/rule-editor-discard-dialog.png` });
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toBeHidden();
  await expect(name).toHaveValue('Nightly database');
  await expect(page).toHaveURL(new RegExp(`#/rules/${ruleId}$`));

  // Back, and a typed address, are asked about too. (A cancelled Back never finishes loading, so
  // Playwright's goBack is left to give up on its own.)
  const back = page.goBack({ timeout: 3_000 }).catch(() => null);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await back;
  await expect(name).toHaveValue('Nightly database');
  await expect(page).toHaveURL(new RegExp(`#/rules/${ruleId}$`));
  await page.evaluate(() => (window.location.hash = '/activity'));
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(name).toHaveValue('Nightly database');

  // Closing the window or reloading asks the browser to confirm.
  const unloadBlocked = () =>
    page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
  expect(await unloadBlocked()).toBe(true);

  // After a save, leaving is free again.
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rule saved' })).toBeVisible();
  expect(bridge.core.repos.rules.get(ruleId)?.name).toBe('Nightly database');
  expect(await unloadBlocked()).toBe(false);
  await nav(page).getByRole('link', { name: 'Volumes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Volumes' })).toBeVisible();

  // Discarding leaves and saves nothing.
  const rulesBefore = bridge.core.repos.rules.list().length;
  await openNewRule(page, seeded.firstTargetId + 1);
  await page.getByRole('textbox', { name: 'Rule name' }).fill('Never saved');
  await nav(page).getByRole('link', { name: 'Overview' }).click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  expect(bridge.core.repos.rules.list()).toHaveLength(rulesBefore);

  // Discarding after Back goes back, to the page before the editor.
  await openNewRule(page, seeded.firstTargetId + 1);
  await page.getByRole('textbox', { name: 'Rule name' }).fill('Never saved either');
  const backAgain = page.goBack({ timeout: 3_000 }).catch(() => null);
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await backAgain;
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  expect(bridge.core.repos.rules.list()).toHaveLength(rulesBefore);
});

test('a failed save moves focus to the first problem and scrolls it into view', async ({ page, bridge }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const seeded = seedLarge(bridge, { targets: 3, snapshots: 0, events: 0, ruleEvery: 100 });
  await openNewRule(page, seeded.firstTargetId + 1);
  await page.getByRole('textbox', { name: 'Rule name' }).fill('');
  await page.getByRole('checkbox', { name: 'Keep the most recent snapshots' }).uncheck();
  const create = page.getByRole('button', { name: 'Create rule' });
  await create.click();

  const name = page.getByRole('textbox', { name: 'Rule name' });
  await expect(name).toBeFocused();
  await expect(name).toBeInViewport();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/Give the rule a name/);
  // The summary names each problem and links to it.
  const summary = page.getByRole('alert').filter({ hasText: 'The rule was not saved' });
  await expect(summary.getByRole('link', { name: /Give the rule a name/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/rule-editor-error-focus-800x600.png` });
  await summary.getByRole('link', { name: /Choose at least one way to keep snapshots/ }).click();
  await expect(page.getByRole('checkbox', { name: 'Keep the most recent snapshots' })).toBeFocused();
  await page.screenshot({ path: `${shots}/rule-editor-error-link-followed-800x600.png` });
  expect(bridge.core.repos.rules.list()).toHaveLength(seeded.ruleIds.length);
});

test('a week without days says so at the days and cannot be saved', async ({ page, bridge }) => {
  const seeded = seedLarge(bridge, { targets: 3, snapshots: 0, events: 0, ruleEvery: 100 });
  await openNewRule(page, seeded.firstTargetId + 1);
  await when(page).getByRole('radio', { name: 'Weekly' }).check();
  const days = when(page).getByRole('group', { name: 'On these days' });
  for (const day of await days.getByRole('checkbox', { checked: true }).all()) await day.uncheck();
  await expect(days.getByText('Choose at least one day')).toBeVisible();
  await expect(days.getByRole('checkbox', { name: 'Monday' })).toHaveAttribute('aria-invalid', 'true');
  await expect(when(page).getByText('Fix the schedule above to see its next runs.')).toBeVisible();
  await page.getByRole('button', { name: 'Create rule' }).click();
  await expect(days.getByRole('checkbox', { name: 'Monday' })).toBeFocused();
  await page.screenshot({ path: `${shots}/rule-editor-no-days.png` });
  expect(bridge.core.repos.rules.list()).toHaveLength(seeded.ruleIds.length);
});

test('the rule name follows the schedule until the user writes one', async ({ page, bridge }) => {
  const seeded = seedLarge(bridge, { targets: 3, snapshots: 0, events: 0, ruleEvery: 100 });
  await openNewRule(page, seeded.firstTargetId + 1);
  const name = page.getByRole('textbox', { name: 'Rule name' });
  await expect(name).toHaveValue('Daily vol-00001-ams3');
  await when(page).getByRole('radio', { name: 'Every few hours' }).check();
  await expect(name).toHaveValue('Every 6 hours vol-00001-ams3');
  await page.getByLabel('Every', { exact: true }).fill('4');
  await expect(name).toHaveValue('Every 4 hours vol-00001-ams3');
  await when(page).getByRole('radio', { name: 'Weekly' }).check();
  await expect(name).toHaveValue('Weekly vol-00001-ams3');

  await name.fill('Database, before the backup window');
  await when(page).getByRole('radio', { name: 'Monthly' }).check();
  await expect(name).toHaveValue('Database, before the backup window');
});

test('Weekly: days of the week and a time, saved as a day-of-week schedule and opened as Weekly', async ({
  page,
  bridge,
}) => {
  const seeded = seedLarge(bridge, { targets: 3, snapshots: 0, events: 0, ruleEvery: 100 });
  await openNewRule(page, seeded.firstTargetId + 1);
  await when(page).getByRole('radio', { name: 'Weekly' }).check();
  const days = when(page).getByRole('group', { name: 'On these days' });
  for (const day of await days.getByRole('checkbox', { checked: true }).all()) await day.uncheck();
  await days.getByRole('checkbox', { name: 'Wednesday' }).check();
  await when(page).getByLabel('Time of day').fill('05:30');
  await when(page).getByLabel('Time zone').selectOption('Asia/Tokyo');
  await expect(when(page).locator('.schedule-words')).toHaveText('Wednesdays at 05:30 (Asia/Tokyo)');
  const tokyoCells = when(page).getByRole('table').getByRole('row').locator('td:nth-child(2)');
  await expect(tokyoCells).toHaveCount(5);
  for (const cell of await tokyoCells.all()) await expect(cell).toContainText(/Wed.*05:30/);
  await page.locator('.schedule-words').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/rule-editor-weekly.png` });

  await page.getByRole('button', { name: 'Create rule' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Edit rule/ })).toBeVisible();
  const saved = createdRule(bridge, seeded.ruleIds);
  expect(saved.schedule).toEqual({ kind: 'daily', time: '05:30', weekdays: [3], timeZone: 'Asia/Tokyo' });
  await expect(when(page).getByRole('radio', { name: 'Weekly' })).toBeChecked();
  await expect(days.getByRole('checkbox', { name: 'Wednesday' })).toBeChecked();
  await expect(days.getByRole('checkbox', { checked: true })).toHaveCount(1);
});

test('an interval has a start time: every 4 hours starting 02:00, in the rule time zone', async ({ page, bridge }) => {
  const seeded = seedLarge(bridge, { targets: 3, snapshots: 0, events: 0, ruleEvery: 100 });
  await openNewRule(page, seeded.firstTargetId + 1);
  await when(page).getByRole('radio', { name: 'Every few hours' }).check();
  await page.getByLabel('Every', { exact: true }).fill('4');
  await when(page).getByLabel('Starting at').fill('02:00');
  await when(page).getByLabel('Time zone').selectOption('Asia/Tokyo');
  const tokyoCells = when(page).getByRole('table').getByRole('row').locator('td:nth-child(2)');
  await expect(tokyoCells).toHaveCount(5);
  for (const cell of await tokyoCells.all()) await expect(cell).toContainText(/\b(02|06|10|14|18|22):00\b/);
  await page.locator('.schedule-words').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/rule-editor-interval-start.png` });

  await page.getByRole('button', { name: 'Create rule' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Edit rule/ })).toBeVisible();
  const schedule = createdRule(bridge, seeded.ruleIds).schedule;
  if (schedule.kind !== 'interval') throw new Error(`expected an interval, got ${schedule.kind}`);
  // 02:00 in Tokyo (UTC+9, no DST) is 17:00 UTC.
  expect(new Date(schedule.anchor).getUTCHours()).toBe(17);
  expect(new Date(schedule.anchor).getUTCMinutes()).toBe(0);
  expect(schedule.clockAligned).toBe(true);
  await expect(when(page).getByLabel('Starting at')).toHaveValue('02:00');
});

test('an interval rule saved before start times keeps its anchor and elapsed counting when edited elsewhere', async ({
  page,
  bridge,
}) => {
  const seeded = seedLarge(bridge, { targets: 3, snapshots: 0, events: 0, ruleEvery: 100 });
  const legacy = {
    kind: 'interval' as const,
    every: 6,
    unit: 'hours' as const,
    anchor: '2024-01-01T00:17:00.000Z',
    timeZone: 'Europe/Berlin',
  };
  const rule = bridge.core.repos.rules.insert(
    {
      targetId: seeded.firstTargetId + 1,
      name: 'Old interval',
      schedule: legacy,
      retention: { keepLast: 7, keepDays: null, gfs: null },
      nameTemplate: 'volsnap-{volume}-{utc}',
      enabled: true,
      catchUp: 'once',
    },
    new Date().toISOString(),
  );
  await page.evaluate((id) => (window.location.hash = `/rules/${id}`), rule.id);
  await expect(when(page).getByLabel('Starting at')).toHaveValue('01:17');
  const keepTimes = when(page).getByRole('checkbox', { name: /Keep the same times of day/ });
  await expect(keepTimes).not.toBeChecked();
  await page.getByRole('textbox', { name: 'Rule name' }).fill('Old interval, renamed');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rule saved' })).toBeVisible();
  expect(bridge.core.repos.rules.get(rule.id)?.schedule).toEqual(legacy);

  // Choosing to keep the times of day is saved as such, with the same anchor.
  await keepTimes.check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => bridge.core.repos.rules.get(rule.id)?.schedule).toEqual({ ...legacy, clockAligned: true });
});

test('a cron schedule is described once, in the preview words', async ({ page, bridge }) => {
  const seeded = seedLarge(bridge, { targets: 3, snapshots: 0, events: 0, ruleEvery: 100 });
  await openNewRule(page, seeded.firstTargetId + 1);
  await when(page).getByRole('radio', { name: 'Cron expression' }).check();
  await page.getByRole('textbox', { name: 'Cron expression' }).fill('15 4 * * 1');
  await expect(when(page).locator('.schedule-words')).toHaveText(/^On Mondays, at 04:15/);
  await expect(when(page).getByText(/Monday/)).toHaveCount(1);
  await page.locator('.schedule-words').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/rule-editor-cron.png` });
});

test('the changed editor states in dark and at 800x600: screenshots, and axe finds nothing', async ({
  page,
  bridge,
}) => {
  const seeded = seedLarge(bridge, { targets: 3, snapshots: 0, events: 0, ruleEvery: 100 });
  const looks = [
    { theme: 'dark', width: 1100, height: 720, suffix: 'dark' },
    { theme: 'light', width: 800, height: 600, suffix: '800x600' },
  ] as const;
  const found: string[] = [];
  for (const look of looks) {
    await page.setViewportSize({ width: look.width, height: look.height });
    await page.evaluate((t) => window.volsnap.settings.update({ theme: t }), look.theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', look.theme);
    await openNewRule(page, seeded.firstTargetId + 1);

    await when(page).getByRole('radio', { name: 'Every few hours' }).check();
    await when(page).getByLabel('Starting at').fill('02:00');
    const starting = when(page).getByLabel('Starting at');
    await starting.scrollIntoViewIfNeeded();
    await expect(when(page).locator('.schedule-words')).toContainText('from 02:00');
    await page.screenshot({ path: `${shots}/rule-editor-interval-start-${look.suffix}.png` });

    await when(page).getByRole('radio', { name: 'Weekly' }).check();
    await when(page).getByRole('checkbox', { name: 'Monday' }).uncheck();
    await page.getByRole('textbox', { name: 'Rule name' }).fill('');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await expect(page.getByRole('textbox', { name: 'Rule name' })).toBeFocused();
    await page.screenshot({ path: `${shots}/rule-editor-error-${look.suffix}.png` });
    await page.getByRole('alert').filter({ hasText: 'The rule was not saved' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/rule-editor-error-summary-${look.suffix}.png` });
    await when(page).getByRole('checkbox', { name: 'Monday' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/rule-editor-no-days-${look.suffix}.png` });
    found.push(...(await violations(page)).map((v) => `${look.suffix} error state: ${v}`));

    await nav(page).getByRole('link', { name: 'Overview' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard changes?' });
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: `${shots}/rule-editor-discard-dialog-${look.suffix}.png` });
    found.push(...(await violations(page)).map((v) => `${look.suffix} dialog: ${v}`));
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  }
  expect(found).toEqual([]);
});
