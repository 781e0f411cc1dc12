/**
 * Issue 15 item 8: long operations say what is happening, live, in words. A
 * run stuck on provider 500s shows its attempt, cause and next try; a
 * rate-limited refresh shows the wait and then its result (or its failure with
 * Retry); the rule editor's Run now ends in "Snapshot done" or in the failure's
 * cause with "Retry now", never in a bare "Snapshot started".
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createProviderClient } from '../../src/main/providers';
import type { Bridge } from '../bridge/server';
import { test as base, expect } from './fixtures';
import { addDigitalOcean, addRule } from './support/accounts';

const test = base.extend({
  bridgeOptions: async ({ digitalOcean }, use) => {
    await use({
      providers: (kind, token, options) =>
        createProviderClient(kind, token, {
          ...options,
          ...(kind === 'digitalocean' ? { baseUrl: digitalOcean.url } : {}),
        }),
      // Retries 3 s, then 6 s apart: long enough to read, short enough for a test.
      engine: { tuning: { retryBaseMs: 3_000, createInFlightMs: 1, pollInitialMs: 300, pollMaxMs: 500 } },
    });
  },
});

const serverError = (route: string, count: number) => ({
  route,
  count,
  act: false,
  reply: { kind: 'raw' as const, status: 500, body: '{"id":"server_error","message":"Unexpected server-side error"}' },
});

const rateLimited = (seconds: number) => ({
  route: 'GET /v2/volumes',
  count: 1,
  act: false,
  reply: {
    kind: 'raw' as const,
    status: 429,
    body: '{"id":"too_many_requests","message":"API Rate limit exceeded."}',
    headers: { 'content-type': 'application/json', 'retry-after': String(seconds) },
  },
});

/** A rule runs at most once per second (its slot): waits until the second after the rule's last run. */
async function nextSecond(bridge: Bridge, ruleId: number): Promise<void> {
  const last = bridge.core.repos.snapshots.listByRule(ruleId)[0];
  if (!last) return;
  const at = Math.floor(Date.parse(last.requestedAt) / 1000);
  await expect.poll(() => Math.floor(Date.now() / 1000) > at).toBe(true);
}

/** axe violations (WCAG 2.x A/AA and best practice) of the page as it is now, as short lines. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => window.volsnap.settings.update({ theme: t }), theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test('a run stuck on provider 500s shows the attempt, the cause and the next try, then "Snapshot done"', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  const accountId = await addDigitalOcean(page, bridge);
  addRule(bridge, accountId);
  digitalOcean.faults.script.push(serverError('POST /v2/volumes/:volume_id/snapshots', 2));
  await page.goto(`${bridge.url}#/rules`);
  const row = page.getByRole('row', { name: /Nightly db/ });
  await row.getByRole('button', { name: 'Run now: Nightly db' }).click();

  await expect(
    row.getByText(/Retrying \(attempt 2\): DigitalOcean answered HTTP 500, next try in [1-3] s/),
  ).toBeVisible();
  await page.screenshot({ path: 'artifacts/screenshots/progress-run-retrying.png', fullPage: true });
  expect(await violations(page), 'run retrying').toEqual([]);
  await expect(
    row.getByText(/Retrying \(attempt 3\): DigitalOcean answered HTTP 500, next try in [1-6] s/),
  ).toBeVisible();
  await expect(row.getByText('Snapshot done.', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(row.getByText(/Retrying/)).toHaveCount(0);
});

test('a rate-limited refresh shows the wait with its time, then its result; a failed one says why and retries', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  await addDigitalOcean(page, bridge);
  await page.goto(`${bridge.url}#/volumes`);
  const refresh = page.getByRole('button', { name: 'Refresh from providers' });
  const progress = page.getByRole('list', { name: 'Refresh progress' });

  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    digitalOcean.faults.script.push(rateLimited(6));
    await refresh.click();
    await expect(
      progress.getByText(/Waiting: DigitalOcean is rate limiting this account \(HTTP 429\), next try in [1-6] s/),
    ).toBeVisible();
    await expect(progress).toContainText('Prod:');
    await page.screenshot({ path: `artifacts/screenshots/failure-rate-limited-refresh-${theme}.png`, fullPage: true });
    expect(await violations(page), `rate-limited refresh, ${theme}`).toEqual([]);
    await expect(progress.getByText('Found 2 volumes and servers.')).toBeVisible({ timeout: 15_000 });
    await expect(progress.getByText(/Waiting|next try/)).toHaveCount(0);
  }

  // A refresh that fails ends with the cause in our words and Retry; no stale wait stays behind.
  digitalOcean.token = 'rotated';
  await refresh.click();
  const failed = progress.getByRole('alert');
  await expect(failed).toContainText('Failed: DigitalOcean rejected the token (HTTP 401). Replace it in Accounts.');
  await expect(failed).not.toContainText('try again in');
  await page.setViewportSize({ width: 800, height: 600 });
  await page.screenshot({ path: 'artifacts/screenshots/failure-refresh-failed-800x600-dark.png', fullPage: true });
  expect(await violations(page), 'failed refresh, dark').toEqual([]);
  digitalOcean.token = 'good';
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(progress.getByText('Found 2 volumes and servers.')).toBeVisible();
  await expect(progress.getByRole('alert')).toHaveCount(0);
});

test('Run now in the rule editor ends in "Snapshot done", with the live steps before', async ({ page, bridge }) => {
  const accountId = await addDigitalOcean(page, bridge);
  const ruleId = addRule(bridge, accountId);
  await page.goto(`${bridge.url}#/rules/${ruleId}`);
  await page.getByRole('button', { name: 'Run now' }).click();
  const outcome = page.getByLabel('Run now progress');
  await expect(outcome.getByText(/^Snapshot done: "volsnap-db-data-/)).toBeVisible();
  await expect(outcome).toHaveClass(/notice-ok/);
  await expect(page.getByText('Snapshot started')).toHaveCount(0);
  await page.screenshot({ path: 'artifacts/screenshots/progress-run-now-done.png', fullPage: true });
});

test('Run now in the rule editor that fails says why and offers "Retry now", which can end in done', async ({
  page,
  bridge,
  digitalOcean,
}) => {
  const accountId = await addDigitalOcean(page, bridge);
  const ruleId = addRule(bridge, accountId);
  digitalOcean.token = 'rotated';
  await page.goto(`${bridge.url}#/rules/${ruleId}`);
  await page.getByRole('button', { name: 'Run now' }).click();
  const outcome = page.getByLabel('Run now progress');
  const failure = outcome.getByRole('alert');
  await expect(failure).toContainText('Failed: DigitalOcean rejected the token (HTTP 401). Replace it in Accounts.');
  await expect(outcome).toHaveClass(/notice-error/);
  await expect(page.getByText('Snapshot started')).toHaveCount(0);
  await expect(page.locator('.notice-ok')).toHaveCount(0);
  await page.screenshot({ path: 'artifacts/screenshots/progress-run-now-failed.png', fullPage: true });
  expect(await violations(page), 'run now failed').toEqual([]);

  digitalOcean.token = 'good';
  await nextSecond(bridge, ruleId);
  await failure.getByRole('button', { name: 'Retry now' }).click();
  await expect(outcome.getByText(/^Snapshot done: "volsnap-db-data-/)).toBeVisible();
  await expect(outcome.getByRole('alert')).toHaveCount(0);
});
