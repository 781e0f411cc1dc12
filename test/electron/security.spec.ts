/**
 * The window is locked down: no Node in the page, only window.volsnap;
 * navigation and window.open leave the app only through the user's browser;
 * a call from a page with another URL is refused by main's sender check; IPC
 * arguments are structured-cloned.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from './fixtures';
import { call } from './steps';

test('no Node, no require, and nothing but window.volsnap added to the page', async ({ volsnap }) => {
  const page = await volsnap.window();
  await expect(page.getByRole('heading', { name: 'Welcome to volsnap' })).toBeVisible();
  const found = (await page.evaluate(`(() => {
    // A blank frame of the same page is the baseline of what a browser window has anyway.
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const baseline = new Set(Object.getOwnPropertyNames(frame.contentWindow));
    // Frame indices ("0") and zod's registry, which the renderer's own bundle keeps on globalThis, are the page's.
    const added = Object.getOwnPropertyNames(window)
      .filter((name) => !baseline.has(name) && !/^\\d+$/.test(name) && !name.startsWith('__zod_'));
    const inFrame = typeof frame.contentWindow.volsnap;
    frame.remove();
    return { added, inFrame, require: typeof require, process: typeof process, module: typeof module,
      buffer: typeof Buffer, api: Object.keys(globalThis.volsnap).sort() };
  })()`)) as Record<string, unknown>;
  expect(found).toMatchObject({
    added: ['volsnap'],
    inFrame: 'undefined',
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    buffer: 'undefined',
  });
  expect(found.api).toEqual(expect.arrayContaining(['accounts', 'rules', 'settings', 'on']));
});

test('IPC arguments are structured-cloned: a function cannot be sent', async ({ volsnap }) => {
  const page = await volsnap.window();
  const message = await page.evaluate(
    `globalThis.volsnap.rules.get({ id: 1, callback: () => 1 }).then(() => 'sent', (e) => String(e))`,
  );
  expect(message).toMatch(/could not be cloned/);
  // The page keeps working after the refused call.
  expect(await call(page, 'settings.get')).toMatchObject({ ok: true });
});

test('navigation and window.open are refused; https links to the providers go to the browser', async ({ volsnap }) => {
  const page = await volsnap.window();
  const appUrl = page.url();
  await page.evaluate(`location.href = 'https://console.hetzner.com/projects'`);
  await page.evaluate(`window.open('https://cloud.digitalocean.com/images/snapshots/volumes')`);
  await expect
    .poll(() => volsnap.externalUrls())
    .toEqual(
      expect.arrayContaining([
        'https://console.hetzner.com/projects',
        'https://cloud.digitalocean.com/images/snapshots/volumes',
      ]),
    );
  await page.evaluate(`window.open('http://example.net/plain-http')`);
  await page.evaluate(`window.open('https://example.org/not-a-provider')`);
  expect(page.url()).toBe(appUrl);
  expect(await call(page, 'settings.get')).toMatchObject({ ok: true });
  expect((await volsnap.windows()).length).toBe(1);
  const opened = await volsnap.externalUrls();
  expect(opened).not.toContain('http://example.net/plain-http');
  expect(opened).not.toContain('https://example.org/not-a-provider');
});

test('a call from a page with another URL is refused by main', async ({ volsnap, home }) => {
  const page = await volsnap.window();
  await expect(page.getByRole('heading', { name: 'Welcome to volsnap' })).toBeVisible();
  const other = join(home, 'other.html');
  writeFileSync(other, '<!doctype html><title>not volsnap</title><p>another page</p>');
  // Loaded from main, so no will-navigate stands in the way: the preload runs there too.
  await volsnap.loadURLFromMain(pathToFileURL(other).href);
  await expect(page).toHaveTitle('not volsnap');
  const answer = (await page.evaluate(`globalThis.volsnap.settings.get()`)) as {
    ok: boolean;
    error: { message: string };
  };
  expect(answer.ok).toBe(false);
  expect(answer.error.message).toMatch(/did not come from the volsnap window/);
});
