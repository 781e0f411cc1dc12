/**
 * Protecting a fleet (issue 12), in Chromium against the real core and the
 * DigitalOcean emulator: bulk-protect 1,000 filtered volumes with one rule; a
 * new volume at the emulator is protected after the next scheduled refresh
 * without the user acting; a selector rule's slot runs on every volume with
 * progress on the Rules page; export then import into an empty database
 * reproduces the rules.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, GOOD_TOKEN } from './fixtures';
import { startBridge, type Bridge } from '../bridge/server';
import type { Rule } from '../../src/shared/domain';
import type { Envelope } from '../../src/shared/errors';

async function call<T>(bridge: Bridge, channel: string, input?: unknown): Promise<T> {
  const envelope = (await bridge.core.dispatch(channel, input)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}

/** Adds the emulator's account and waits for its listing (adding only starts it). */
async function addProduction(bridge: Bridge) {
  await call(bridge, 'accounts:add', { provider: 'digitalocean', name: 'Production', token: GOOD_TOKEN });
  await call(bridge, 'targets:refresh');
}

/** Fills the rule editor's selector with "has tag db" and names the rule. */
async function chooseDbSelector(page: Page, name: string) {
  await page.getByRole('radio', { name: 'Every volume matching a selector' }).check();
  await page.getByLabel('Has every tag (comma-separated)').fill('db');
  await page.getByLabel('Rule name').fill(name);
}

test.describe('protecting a fleet', () => {
  test.use({
    bridgeOptions: async ({ digitalOcean }, use) => {
      const { createProviderClient } = await import('../../src/main/providers');
      await use({
        providers: (kind, token, options) =>
          createProviderClient(kind, token, {
            ...options,
            ...(kind === 'digitalocean' ? { baseUrl: digitalOcean.url } : {}),
          }),
        engine: { tuning: { pollInitialMs: 200, pollMaxMs: 500 } },
        discovery: { firstRunDelayMs: 500, intervalMs: 1_500 },
      });
    },
  });

  test('bulk-protect 1,000 filtered volumes with one rule', async ({ page, bridge, digitalOcean }) => {
    digitalOcean.seedVolumes(1_000, { regions: ['fra1'], prefix: 'bulk' });
    digitalOcean.seedVolumes(150, { regions: ['nyc3'], prefix: 'other' });
    await addProduction(bridge);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Volumes' }).click();
    await page.getByRole('searchbox').first().fill('bulk-');
    await expect(page.getByRole('status').filter({ hasText: /Showing 1,000 of/ })).toBeVisible();
    await page.getByRole('button', { name: 'Select all 1,000 matching' }).click();
    await expect(page.getByRole('status').filter({ hasText: '1,000 volumes selected' })).toBeVisible();
    await page.getByRole('button', { name: 'Protect with a rule' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'New rule' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'A set of volumes' })).toBeChecked();
    await expect(page.getByRole('status').filter({ hasText: '1,000 chosen' })).toBeVisible();
    await expect(page.getByText('Matches 1,000 volumes and servers right now.')).toBeVisible();
    await page.getByLabel('Rule name').fill('All bulk volumes');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Rule saved' })).toBeVisible();

    const [rule] = await call<Rule[]>(bridge, 'rules:list');
    expect(rule).toMatchObject({ name: 'All bulk volumes', targetId: null });
    const members = bridge.core.repos.rules.targets.members(rule!.id);
    expect(members).toHaveLength(1_000);
    expect(members.every((id) => bridge.core.repos.targets.get(id)!.name.startsWith('bulk-'))).toBe(true);

    // The Volumes page now shows them covered: no "Protect" left among them.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Volumes' }).click();
    await page.getByRole('searchbox').first().fill('bulk-');
    await expect(page.getByRole('button', { name: /^Protect bulk-/ })).toHaveCount(0);
  });

  test('a new volume at the provider is protected after the next refresh, without the user acting', async ({
    page,
    bridge,
    digitalOcean,
  }) => {
    digitalOcean.addVolume({ name: 'pg-1', region: 'fra1', sizeGb: 10, tags: ['db'] });
    await addProduction(bridge);
    await page.goto(`${bridge.url}#/rules/new`);
    await chooseDbSelector(page, 'Nightly databases');
    await expect(page.getByText('Matches 1 volume or server right now.')).toBeVisible();
    await page.getByRole('button', { name: 'Create rule' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Rule saved' })).toBeVisible();

    // A volume appears at the provider; nobody touches volsnap.
    digitalOcean.addVolume({ name: 'pg-2', region: 'fra1', sizeGb: 10, tags: ['db'] });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('tab', { name: /Events/ }).click();
    await expect(
      page.getByText('1 new volume is now protected by "Nightly databases": pg-2.', { exact: false }),
    ).toBeVisible({ timeout: 20_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Volumes' }).click();
    await expect(page.getByRole('link', { name: 'Edit rule for pg-2' })).toBeVisible();
  });

  test("a selector rule's slot runs on every volume, with progress on the Rules page", async ({
    page,
    bridge,
    digitalOcean,
  }) => {
    for (let i = 1; i <= 12; i++) digitalOcean.addVolume({ name: `db-${i}`, region: 'fra1', sizeGb: 10, tags: ['db'] });
    await addProduction(bridge);
    await page.goto(`${bridge.url}#/rules/new`);
    await chooseDbSelector(page, 'Databases');
    await expect(page.getByText('Matches 12 volumes and servers right now.')).toBeVisible();
    await page.getByRole('button', { name: 'Create rule' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Rule saved' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('button', { name: 'Run now: Databases' }).click();
    await expect(page.getByText('12 of 12 done')).toBeVisible({ timeout: 30_000 });
    const [rule] = await call<Rule[]>(bridge, 'rules:list');
    const rows = bridge.core.repos.snapshots.listByRule(rule!.id);
    expect(new Set(rows.map((r) => r.targetId)).size).toBe(12);
    expect(rows.every((r) => r.status === 'available')).toBe(true);
  });

  test('export then import into an empty database reproduces the rules', async ({
    page,
    bridge,
    bridgeOptions,
    digitalOcean,
  }) => {
    for (let i = 1; i <= 3; i++) digitalOcean.addVolume({ name: `app-${i}`, region: 'fra1', sizeGb: 10, tags: ['db'] });
    await addProduction(bridge);
    const app1 = bridge.core.repos.targets.list().find((t) => t.name === 'app-1')!;
    const base = {
      schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
      retention: { keepLast: 7, keepDays: null, gfs: null },
      nameTemplate: 'volsnap-{volume}-{utc}',
      enabled: true,
      catchUp: 'once',
    };
    await call(bridge, 'rules:create', { ...base, name: 'One', targetId: app1.id });
    await call(bridge, 'rules:create', {
      ...base,
      name: 'Tagged',
      selection: {
        mode: 'selector',
        selector: {
          accountIds: [],
          providers: ['digitalocean'],
          regions: [],
          kinds: ['volume'],
          tagsInclude: ['db'],
          tagsExclude: [],
          namePattern: 'app-*',
        },
      },
    });
    await page.goto(`${bridge.url}#/rules`);
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all rules' }).click();
    const file = await (await downloaded).path();
    const text = readFileSync(file!, 'utf8');

    const empty = await startBridge({ ...bridgeOptions, discovery: undefined });
    try {
      await addProduction(empty);
      await page.goto(empty.loginUrl);
      await page.goto(`${empty.url}#/rules`);
      await page
        .getByLabel('Import rules…')
        .setInputFiles({ name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      const dialog = page.getByRole('dialog', { name: 'Import rules' });
      await expect(dialog).toContainText('Will create 2: One, Tagged');
      await dialog.getByRole('button', { name: 'Import' }).click();
      await expect(dialog).toContainText('Imported.');
      const shape = (rules: Rule[], b: Bridge) =>
        rules.map((r) => ({
          name: r.name,
          schedule: r.schedule,
          retention: r.retention,
          enabled: r.enabled,
          targets: b.core.repos.rules.targets
            .members(r.id)
            .map((id) => b.core.repos.targets.get(id)!.providerId)
            .sort(),
          selector: r.selection.mode === 'selector' ? { ...r.selection.selector, accountIds: [] } : null,
        }));
      expect(shape(await call<Rule[]>(empty, 'rules:list'), empty)).toEqual(
        shape(await call<Rule[]>(bridge, 'rules:list'), bridge),
      );
    } finally {
      await empty.close();
    }
  });
});
