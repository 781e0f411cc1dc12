/**
 * Issue 15 item 12: an axe scan (WCAG 2.x A/AA rules) of every page, in the
 * light and the dark theme, with failure states on screen; zero violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { seedLarge } from './support/seed';

const open = (page: Page, path: string) => page.evaluate((p) => (window.location.hash = p), path);

/** Violations as short lines, so a failure says what and where. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`),
  );
}

test('every page has no axe violations in either theme', async ({ page, bridge }) => {
  test.setTimeout(120_000);
  expect(await violations(page), 'welcome').toEqual([]);
  const seeded = seedLarge(bridge, { targets: 30, snapshots: 300, events: 100, ruleEvery: 3 });
  // A failure state on screen: an account whose rule needs attention, shown on Overview and Accounts.
  const rule = bridge.core.repos.rules.get(seeded.ruleIds[0]!)!;
  bridge.core.repos.rules.setAttention(
    rule.id,
    'DigitalOcean rejected the token (401). Create a new token at https://cloud.digitalocean.com/account/api/tokens and replace it in Accounts.',
  );
  await page.reload();
  const pages: [string, string, () => Promise<void>][] = [
    ['overview', '/', () => expect(page.getByRole('list', { name: 'Protection status' })).toBeVisible()],
    ['accounts', '/accounts', () => expect(page.getByRole('article').first()).toBeVisible()],
    ['volumes', '/volumes', () => expect(page.getByRole('table', { name: 'Volumes' })).toBeVisible()],
    ['rules', '/rules', () => expect(page.getByRole('table', { name: 'Rules' })).toBeVisible()],
    ['rule editor', `/rules/${rule.id}`, () => expect(page.getByRole('heading', { level: 1 })).toBeVisible()],
    [
      'new rule',
      `/rules/new?target=${seeded.firstTargetId + 1}`,
      () => expect(page.getByRole('heading', { level: 1 })).toBeVisible(),
    ],
    ['activity', '/activity', () => expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible()],
    ['settings', '/settings', () => expect(page.getByText('volsnap e2e')).toBeVisible()],
  ];
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    // The dark pass runs while paused, so the pause banner is scanned too.
    if (theme === 'dark') bridge.core.engine.pause(new Date(Date.now() + 3_600_000));
    await page.evaluate((t) => window.volsnap.settings.update({ theme: t }), theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [name, path, ready] of pages) {
      await open(page, path);
      await ready();
      // Let data-driven parts (lists, charts) settle before scanning.
      await page.waitForLoadState('networkidle');
      found.push(...(await violations(page)).map((v) => `${theme} ${name}: ${v}`));
    }
  }
  expect(found).toEqual([]);
});
