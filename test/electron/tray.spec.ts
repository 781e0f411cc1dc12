/**
 * The tray menu end to end: snapshot all, pause and resume, open, start at
 * login toggled and read back from the OS side, quit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { activityTypes, addDemo, createRule, value } from './steps';

test('tray: snapshot all, pause and resume, open, start at login, quit', async ({ volsnap, home }) => {
  const page = await volsnap.window();
  const targets = await addDemo(page);
  const rule = await createRule(
    page,
    targets.find((t) => t.name === 'uploads')!,
    'Uploads',
  );
  const ids = async () => (await volsnap.trayItems()).map((i) => i.id);

  await expect.poll(async () => (await volsnap.trayItems()).find((i) => i.id === 'snapshot-all')?.enabled).toBe(true);
  await volsnap.clickTray('snapshot-all');
  await expect.poll(() => activityTypes(page, rule)).toContain('run.succeeded');

  await volsnap.clickTray('pause');
  await expect.poll(ids).toContain('resume');
  expect((await value<{ pausedUntil: string | null }>(page, 'overview.get')).pausedUntil).not.toBeNull();
  await volsnap.clickTray('resume');
  await expect.poll(ids).toContain('pause');
  expect((await value<{ pausedUntil: string | null }>(page, 'overview.get')).pausedUntil).toBeNull();

  await volsnap.closeWindow();
  await expect.poll(async () => (await volsnap.windows()).map((w) => w.visible)).toEqual([false]);
  await volsnap.clickTray('open');
  await expect.poll(async () => (await volsnap.windows()).map((w) => w.visible)).toEqual([true]);

  // On Linux volsnap writes an XDG autostart entry; the checkbox reads it back.
  const entry = join(home, 'xdg', 'autostart', 'volsnap.desktop');
  const checked = async () => (await volsnap.trayItems()).find((i) => i.id === 'start-at-login')?.checked;
  await volsnap.clickTray('start-at-login');
  await expect.poll(checked).toBe(true);
  expect(readFileSync(entry, 'utf8')).toMatch(/^Exec=.*--hidden$/m);
  expect((await value<{ startAtLogin: boolean }>(page, 'settings.get')).startAtLogin).toBe(true);
  await volsnap.clickTray('start-at-login');
  await expect.poll(checked).toBe(false);
  expect(existsSync(entry)).toBe(false);

  await volsnap.clickTray('quit');
  expect(await volsnap.exited()).toBe(0);
});
