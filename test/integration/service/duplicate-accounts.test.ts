/**
 * The same cloud account twice is refused (issue 15 item 5) for every provider
 * that can be identified, through the service as the Add account form calls it:
 * AWS by account id against moto (refused when the regions overlap, allowed
 * when they are disjoint), Google Cloud by project against its emulator,
 * Hetzner Cloud and Scaleway by the same token (their APIs name no project).
 * Nothing is saved on a refusal and no token appears in the message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { createProviderClient } from '../../../src/main/providers';
import type { ProviderFactory } from '../../../src/main/providers/account-clients';
import { encodeAwsCredentials } from '../../../src/shared/aws';
import type { Envelope } from '../../../src/shared/errors';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { testOsIntegration } from '../../support/test-os-integration';
import { startAwsProxy, type AwsProxy } from '../../fakes/aws-ec2-proxy';
import { startGcpFake, startHetznerFake, startScalewayFake } from '../../fakes';
import { MOTO_ACCOUNT_ID, useMoto } from '../../support/moto';
import { creds, SECRET } from '../providers/aws-helpers';

let dir: string;
let core: Core | undefined;
let closers: (() => Promise<void> | void)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-duplicates-'));
  closers = [];
});
afterEach(async () => {
  core?.close();
  core = undefined;
  for (const close of closers) await close();
  rmSync(dir, { recursive: true, force: true });
});

function openCore(providers: ProviderFactory): Core {
  core = createCore({
    dbFile: join(dir, 'volsnap.sqlite'),
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsStore(),
    os: testOsIntegration(dir),
    providers,
  });
  return core;
}

const add = (c: Core, provider: string, name: string, token: string) =>
  c.dispatch('accounts:add', { provider, name, token }) as Promise<Envelope<{ name: string }>>;

/** The refusal's message, after checking it is a conflict that leaves the accounts as they were. */
async function refusal(c: Core, provider: string, name: string, token: string): Promise<string> {
  const before = c.repos.accounts.list().length;
  const result = await add(c, provider, name, token);
  expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  expect(c.repos.accounts.list()).toHaveLength(before);
  return result.ok ? '' : result.error.message;
}

describe('AWS, by account id against moto', () => {
  const m = useMoto();
  let proxy: AwsProxy;
  beforeEach(async () => {
    proxy = await startAwsProxy(m.moto.url);
    closers.push(() => proxy.close());
  });

  it('refuses the same account when the regions overlap and allows disjoint regions', async () => {
    const c = openCore((kind, token, options) =>
      createProviderClient(kind, token, { ...options, baseUrl: proxy.url, retry: { maxAttempts: 1 } }),
    );
    const key = (regions?: string[]) => encodeAwsCredentials(creds(regions ? { regions } : {}));
    expect(await add(c, 'aws', 'Production', key(['eu-west-1']))).toMatchObject({ ok: true });

    const overlapping = await refusal(c, 'aws', 'Again', key(['eu-west-1', 'us-east-1']));
    expect(overlapping).toBe(
      `This AWS account (${MOTO_ACCOUNT_ID}) is already connected as "Production" (with regions eu-west-1); its volumes would be listed twice. To use a new access key for it, replace the access key of "Production".`,
    );
    expect(overlapping).not.toContain(SECRET);
    // Every enabled region includes eu-west-1.
    expect(await refusal(c, 'aws', 'Everything', key())).toContain('already connected as "Production"');
    // Disjoint regions list disjoint volumes: nothing would be listed twice.
    expect(await add(c, 'aws', 'US', key(['us-east-1']))).toMatchObject({ ok: true, value: { name: 'US' } });
  });
});

describe('Google Cloud, by project against its emulator', () => {
  it('refuses a second key of a connected project, whatever the service account', async () => {
    const fake = await startGcpFake();
    closers.push(() => fake.close());
    const c = openCore((kind, token, options) =>
      createProviderClient(kind, token, { ...options, baseUrl: fake.url, retry: { maxAttempts: 1 } }),
    );
    expect(await add(c, 'gcp', 'Production', fake.keyFile())).toMatchObject({ ok: true });
    const message = await refusal(
      c,
      'gcp',
      'Again',
      fake.keyFile({ private_key_id: 'another-key-of-the-same-account' }),
    );
    expect(message).toContain(`This Google Cloud project ${fake.project} is already connected as "Production"`);
    expect(message).toContain('replace the key of "Production"');
  });
});

describe('Hetzner Cloud and Scaleway, by the same token', () => {
  it('Hetzner: the same project token twice is refused; another project token is added', async () => {
    const first = await startHetznerFake({ token: 'hcloud-project-a-token-0123456789' });
    const second = await startHetznerFake({ token: 'hcloud-project-b-token-9876543210' });
    closers.push(
      () => first.close(),
      () => second.close(),
    );
    // Each token opens its own project, as at Hetzner: route by token.
    const c = openCore((kind, token, options) =>
      createProviderClient(kind, token, {
        ...options,
        baseUrl: token === first.token ? first.url : second.url,
        retry: { maxAttempts: 1 },
      }),
    );
    expect(await add(c, 'hetzner', 'Production', first.token)).toMatchObject({ ok: true });
    const message = await refusal(c, 'hetzner', 'Again', first.token);
    expect(message).toContain('This Hetzner Cloud token is already connected as "Production"');
    expect(message).not.toContain(first.token);
    expect(await add(c, 'hetzner', 'Staging', second.token)).toMatchObject({ ok: true });
  });

  it('Scaleway: the same secret key twice is refused', async () => {
    const fake = await startScalewayFake({ token: '6c1c2a0e-6e2b-4f5e-9d3a-0b1e2f3a4b5c' });
    closers.push(() => fake.close());
    const c = openCore((kind, token, options) =>
      createProviderClient(kind, token, { ...options, baseUrl: fake.url, retry: { maxAttempts: 1 } }),
    );
    expect(await add(c, 'scaleway', 'Production', fake.token)).toMatchObject({ ok: true });
    const message = await refusal(c, 'scaleway', 'Again', fake.token);
    expect(message).toContain('This Scaleway token is already connected as "Production"');
    expect(message).not.toContain(fake.token);
  });
});
