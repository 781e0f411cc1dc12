/**
 * Process lifecycle: quit in the middle of a run, a second launch, and a wake
 * from sleep.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { activityTypes, addDemo, createRule, demoSnapshotNames, missSlot, snapshotStatuses, value } from './steps';

test('quit in the middle of a run: clean stop, database closed, next start reconciles without a duplicate', async ({
  launch,
}) => {
  const first = await launch();
  let page = await first.window();
  const targets = await addDemo(page);
  const rule = await createRule(
    page,
    targets.find((t) => t.name === 'postgres-data')!,
    'Nightly',
  );
  await value(page, 'rules.runNow', { id: rule });
  // The demo cloud keeps a volume snapshot in "creating" for a few seconds: quit inside that.
  await expect.poll(() => snapshotStatuses(page, rule)).toEqual(['creating']);
  await first.clickTray('quit');
  expect(await first.exited()).toBe(0);
  // SQLite removes the WAL file when the last connection closes cleanly.
  expect(existsSync(join(first.userData, 'volsnap.sqlite-wal'))).toBe(false);
  expect(demoSnapshotNames(first.userData)).toHaveLength(1);

  const second = await launch();
  page = await second.window();
  await expect.poll(() => snapshotStatuses(page, rule)).toEqual(['available']);
  expect(demoSnapshotNames(second.userData)).toHaveLength(1);
  expect(await activityTypes(page, rule)).not.toContain('run.failed');
});

test('a second launch focuses the running instance and ends', async ({ launch }) => {
  const first = await launch({ args: ['--hidden'] });
  await expect.poll(async () => (await first.trayItems()).map((i) => i.id)).toContain('open');
  expect((await first.windows()).filter((w) => w.visible)).toEqual([]);

  const second = await launch();
  expect(await second.exited()).toBe(0);
  await expect.poll(async () => (await first.windows()).map((w) => [w.visible, w.focused])).toEqual([[true, true]]);
});

test('resume from sleep catches up a run missed while asleep', async ({ volsnap }) => {
  const page = await volsnap.window();
  const targets = await addDemo(page);
  const rule = await createRule(
    page,
    targets.find((t) => t.name === 'staging-db')!,
    'Staging',
  );
  // As if the computer slept through the rule's slot: its next run is an hour ago,
  // while the engine's timer still waits for the old time.
  missSlot(volsnap.userData, rule, new Date(Date.now() - 3_600_000));
  expect(await activityTypes(page, rule)).not.toContain('run.catch_up');

  await volsnap.emitPower('suspend');
  await volsnap.emitPower('resume');
  await expect.poll(() => activityTypes(page, rule)).toContain('run.catch_up');
  await expect.poll(() => activityTypes(page, rule)).toContain('run.succeeded');
});
