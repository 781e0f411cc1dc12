/**
 * Rules export and import (issue 12), in Chromium against the real core
 * through the daemon's web UI transport and the DigitalOcean emulator:
 * a file of 3,000 rules (far over the 64 KiB a call may carry) previews and
 * imports; the app's export imports with `volsnap rules import`, and that
 * command's export imports in the app, reproducing the rules; a file with
 * errors names each rule and field and imports nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, GOOD_TOKEN } from './fixtures';
import { startBridge, type Bridge } from '../bridge/server';
import { emulatorProviders, tempDir, tokenFile, volsnap } from '../integration/cli/helpers';
import type { Rule } from '../../src/shared/domain';
import type { Envelope } from '../../src/shared/errors';
import type { PortableRule, RulesDocument } from '../../src/shared/rules-format';

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

const settings: Omit<PortableRule, 'name' | 'selection'> = {
  schedule: { kind: 'daily', time: '03:00', weekdays: [1, 2, 3, 4, 5, 6, 7], timeZone: 'UTC' },
  retention: { keepLast: 7, keepDays: null, gfs: null },
  nameTemplate: 'volsnap-{volume}-{utc}',
  enabled: false,
  catchUp: 'once',
};

/** A selector rule over the Production account's volumes named like `pattern`. */
const selectorRule = (name: string, pattern: string): PortableRule => ({
  ...settings,
  name,
  selection: {
    mode: 'selector',
    accounts: [{ provider: 'digitalocean', account: 'Production' }],
    selector: { providers: [], regions: [], kinds: ['volume'], tagsInclude: [], tagsExclude: [], namePattern: pattern },
  },
});

const document = (rules: PortableRule[]): RulesDocument => ({
  format: 'volsnap-rules',
  version: 2,
  exportedAt: '2026-11-30T06:00:00.000Z',
  rules,
});

const chooseFile = (page: Page, text: string) =>
  page
    .getByLabel('Import rules…')
    .setInputFiles({ name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(text) });

test('a file of 3,000 rules, far over the 64 KiB a call may carry, previews and imports', async ({ page, bridge }) => {
  await addProduction(bridge);
  const rules = Array.from({ length: 3000 }, (_, i) => selectorRule(`Fleet rule ${i + 1}`, `db-data-${i + 1}*`));
  const text = JSON.stringify(document(rules), null, 2);
  expect(text.length).toBeGreaterThan(20 * 64 * 1024);
  await page.goto(`${bridge.url}#/rules`);
  await chooseFile(page, text);
  const dialog = page.getByRole('dialog', { name: 'Import rules' });
  await expect(dialog).toContainText('Will create 3,000: Fleet rule 1, Fleet rule 2');
  await expect(dialog).toContainText('and 2,988 more');
  await page.screenshot({ path: 'artifacts/screenshots/rules-import-large-preview.png' });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toContainText('Imported.', { timeout: 60_000 });
  expect(bridge.core.repos.rules.list()).toHaveLength(3000);
});

test('a file with errors names each rule and field and imports nothing', async ({ page, bridge }) => {
  await addProduction(bridge);
  const good = selectorRule('Good', 'db-*');
  const elsewhere = selectorRule('Elsewhere', 'db-*');
  if (elsewhere.selection.mode === 'selector') elsewhere.selection.accounts[0]!.account = 'Staging';
  const badTime = {
    ...selectorRule('Bad time', 'db-*'),
    schedule: { kind: 'daily' as const, time: '25:00', weekdays: [1], timeZone: 'UTC' },
  };
  await page.goto(`${bridge.url}#/rules`);
  await chooseFile(page, JSON.stringify(document([good, elsewhere, badTime])));
  const dialog = page.getByRole('dialog', { name: 'Import rules' });
  await expect(dialog).toContainText('Nothing will be imported until these are fixed (2 problems)');
  await expect(dialog).toContainText(
    'Rule 2 “Elsewhere” (selection.accounts.0): The DigitalOcean account "Staging" is not in volsnap',
  );
  await expect(dialog).toContainText('Rule 3 “Bad time” (schedule.time): Use 24-hour HH:MM');
  await expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
  await page.screenshot({ path: 'artifacts/screenshots/rules-import-errors-light.png' });
  await page.evaluate(() => window.volsnap.settings.update({ theme: 'dark' }));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.setViewportSize({ width: 800, height: 600 });
  await page.screenshot({ path: 'artifacts/screenshots/rules-import-errors-dark-800x600.png' });
  expect(bridge.core.repos.rules.list()).toEqual([]);
});

test('the app export imports with volsnap rules import, and its export imports in the app', async ({
  page,
  bridge,
  bridgeOptions,
  digitalOcean,
}) => {
  for (let i = 1; i <= 3; i++) digitalOcean.addVolume({ name: `app-${i}`, region: 'fra1', tags: ['db'] });
  await addProduction(bridge);
  const app1 = bridge.core.repos.targets.list().find((t) => t.name === 'app-1')!;
  await call(bridge, 'rules:create', { ...settings, enabled: true, name: 'One', targetId: app1.id });
  await call(bridge, 'rules:create', {
    ...settings,
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
  const appExport = readFileSync((await (await downloaded).path())!, 'utf8');

  // The command line, on a data folder of its own with the same account.
  const folder = tempDir();
  try {
    const run = (argv: string[]) =>
      volsnap(argv, { dataDir: folder.dir, providers: emulatorProviders({ digitalocean: digitalOcean.url }) });
    const token = tokenFile(folder.dir, 'do.token', GOOD_TOKEN);
    expect(
      (await run(['accounts', 'add', '--provider', 'digitalocean', '--name', 'Production', '--token-file', token]))
        .code,
    ).toBe(0);
    const file = join(folder.dir, 'app-rules.json');
    writeFileSync(file, appExport);
    const imported = await run(['rules', 'import', file]);
    expect([imported.code, imported.stdout]).toEqual([0, 'Imported 2 rules: 2 created, 0 changed, 0 unchanged.\n']);
    const cliExport = (await run(['rules', 'export'])).stdout;

    const empty = await startBridge({ ...bridgeOptions });
    try {
      await addProduction(empty);
      await page.goto(empty.loginUrl);
      await page.goto(`${empty.url}#/rules`);
      await chooseFile(page, cliExport);
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
  } finally {
    folder.remove();
  }
});
