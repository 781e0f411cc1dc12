/**
 * The desktop app end to end: real main process, preload, IPC and SQLite.
 * Steps go through the preload API the page uses (window.volsnap) and the
 * tray's menu through the main-process test hook.
 */
import type { ElectronApplication, Page } from '@playwright/test';
import type { PreloadApi } from '../../src/shared/api';
import { electronSkipReason, expect, test } from './fixtures';

test.skip(electronSkipReason !== null, electronSkipReason ?? '');

type Hooks = {
  trayItems(): Array<{ id: string; label: string; enabled: boolean; checked: boolean }>;
  clickTrayItem(id: string): void;
  refreshTray(): Promise<void>;
};

const api = <T>(page: Page, fn: (volsnap: PreloadApi) => Promise<T>): Promise<T> =>
  page.evaluate(`(${fn.toString()})(globalThis.volsnap)`) as Promise<T>;

const tray = <T>(app: ElectronApplication, fn: (hooks: Hooks) => T | Promise<T>): Promise<T> =>
  app.evaluate(`(${fn.toString()})(globalThis[Symbol.for('volsnap.e2e')])`) as unknown as Promise<T>;

test('window is locked down: no Node in the page, only the contract API', async ({ window }) => {
  const exposed = await window.evaluate(
    `({ require: typeof globalThis.require, process: typeof globalThis.process, api: Object.keys(globalThis.volsnap).sort() })`,
  );
  expect(exposed).toMatchObject({ require: 'undefined', process: 'undefined' });
  expect((exposed as { api: string[] }).api).toContain('accounts');
});

test('add the demo account, create a rule, run it, see it in Activity, use the tray', async ({ volsnap, window }) => {
  const account = await api(window, (v) => v.accounts.add({ provider: 'demo', name: 'Demo cloud' }));
  expect(account).toMatchObject({ ok: true });

  await expect
    .poll(
      async () =>
        ((await api(window, (v) => v.targets.list())) as { ok: boolean; value?: unknown[] }).value?.length ?? 0,
    )
    .toBeGreaterThan(0);
  const targets = (await api(window, (v) => v.targets.list())) as {
    value: Array<{ id: number; snapshotable: boolean }>;
  };
  const target = targets.value.find((t) => t.snapshotable)!;

  const created = (await window.evaluate(
    `globalThis.volsnap.rules.create({ targetId: ${target.id}, name: 'Nightly', enabled: true, catchUp: 'once', nameTemplate: 'volsnap-{target}-{date}',
       schedule: { kind: 'daily', time: '03:00', weekdays: [1,2,3,4,5,6,7], timeZone: 'UTC' }, retention: { keepLast: 7, keepDays: null, gfs: null } })`,
  )) as { ok: boolean; value: { id: number } };
  expect(created.ok).toBe(true);

  expect(await window.evaluate(`globalThis.volsnap.rules.runNow({ id: ${created.value.id} })`)).toMatchObject({
    ok: true,
  });
  await expect
    .poll(async () =>
      (
        (await window.evaluate(`globalThis.volsnap.activity.list({ ruleId: ${created.value.id} })`)) as {
          value: { items: Array<{ type: string }> };
        }
      ).value.items.map((i) => i.type),
    )
    .toContain('run.succeeded');

  await window.evaluate(`location.hash = '#/activity'`);
  await expect(window.getByRole('heading', { name: 'Activity' })).toBeVisible();

  await tray(volsnap, (hooks) => hooks.refreshTray());
  const items = await tray(volsnap, (hooks) => hooks.trayItems());
  expect(items.map((i) => i.id)).toEqual(
    expect.arrayContaining(['summary', 'snapshot-all', 'pause', 'open', 'start-at-login', 'quit']),
  );

  await tray(volsnap, (hooks) => hooks.clickTrayItem('pause'));
  await expect
    .poll(async () =>
      (await tray(volsnap, async (hooks) => (await hooks.refreshTray(), hooks.trayItems()))).map((i) => i.id),
    )
    .toContain('resume');
});
