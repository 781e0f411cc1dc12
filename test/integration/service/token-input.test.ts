/**
 * Issue 11, item 16: a token with whitespace, control or invisible characters
 * inside is refused where it is entered, with a message that says what is
 * wrong, before anything reaches the provider or the key store. Whitespace
 * around it is trimmed silently.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { createProviderClient } from '../../../src/main/providers';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes';
import { testOsIntegration } from '../../support/test-os-integration';

const GOOD = 'dop_v1_good_token_8c1f0e5a9b';

let dir: string;
let fake: DigitalOceanFake;
let core: Core;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-token-input-'));
  fake = await startDigitalOceanFake({ token: GOOD });
  core = createCore({
    dbFile: join(dir, 'volsnap.sqlite'),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    os: testOsIntegration(dir),
    providers: (kind, token, options) =>
      createProviderClient(kind, token, { ...options, baseUrl: fake.url, retry: { maxAttempts: 1 } }),
  });
});
afterEach(async () => {
  await core.dispatch('targets:refresh', undefined);
  core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const inside = (s: string) => GOOD.slice(0, 10) + s + GOOD.slice(10);

const refused: [string, string, RegExp][] = [
  ['a space', inside(' '), /space/i],
  ['a tab', inside('\t'), /space|tab/i],
  ['a line break', inside('\n'), /line break/i],
  ['a no-break space', inside('\u00a0'), /space/i],
  ['a zero-width space', inside('\u200b'), /invisible.*U\+200B/i],
  ['a byte order mark', inside('\ufeff'), /invisible.*U\+FEFF/i],
  ['a right-to-left override', inside('\u202e'), /invisible.*U\+202E/i],
  ['a control character', inside('\u0007'), /control.*U\+0007/i],
  ['a zero-width space at the end', `${GOOD}\u200b`, /invisible/i],
  ['a typographic quote', `\u201c${GOOD}\u201d`, /character.*“|U\+201C/i],
];

describe('token characters are checked where a token is entered', () => {
  it.each(refused)(
    'accounts:add refuses a token with %s inside, saying so, and sends nothing',
    async (_, token, why) => {
      const before = fake.stats.total;
      const result = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (result.ok) return;
      expect(result.error.message).toMatch(why);
      expect(result.error.fields?.map((f) => f.path)).toContain('token');
      expect(fake.stats.total).toBe(before);
      expect(await core.dispatch('accounts:list', undefined)).toEqual({ ok: true, value: [] });
    },
  );

  it('trims spaces and line breaks around a token silently', async () => {
    const result = await core.dispatch('accounts:add', {
      provider: 'digitalocean',
      name: 'Prod',
      token: `  ${GOOD}\r\n`,
    });
    expect(result).toMatchObject({ ok: true, value: { status: 'ok' } });
  });

  it('accounts:replaceToken refuses an invisible character and keeps the old token', async () => {
    const added = await core.dispatch('accounts:add', { provider: 'digitalocean', name: 'Prod', token: GOOD });
    if (!added.ok) throw new Error(added.error.message);
    const { id } = added.value as { id: number };
    const result = await core.dispatch('accounts:replaceToken', { id, token: inside('\u200b') });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toMatch(/invisible/i);
    expect(await core.dispatch('accounts:verify', { id })).toMatchObject({
      ok: true,
      value: { status: 'ok' },
    });
  });
});
