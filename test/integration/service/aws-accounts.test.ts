/**
 * Adding an AWS account through the service (the path the Add account form
 * takes): moto behind the proxy verifies the key; the credentials are kept as
 * one secret string in the SecretStore and never come back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { createProviderClient } from '../../../src/main/providers';
import { MemorySecretStore, MemorySettingsStore } from '../../support/memory-stores';
import { encodeAwsCredentials } from '../../../src/shared/aws';
import { startAwsProxy, type AwsProxy } from '../../fakes/aws-ec2-proxy';
import { MOTO_ACCOUNT_ID, useMoto } from '../../support/moto';
import { testOsIntegration } from '../../support/test-os-integration';
import { creds, SECRET, seedVolume } from '../providers/aws-helpers';

const m = useMoto();
let dir: string;
let proxy: AwsProxy;
let secrets: MemorySecretStore;
let core: Core;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'volsnap-aws-accounts-'));
  proxy = await startAwsProxy(m.moto.url, { pageSize: 5 });
  secrets = new MemorySecretStore();
  core = createCore({
    dbFile: join(dir, 'volsnap.sqlite'),
    secrets,
    settings: new MemorySettingsStore(),
    os: testOsIntegration(dir),
    providers: (kind, token, options) =>
      createProviderClient(kind, token, { ...options, baseUrl: proxy.url, retry: { maxAttempts: 1 } }),
  });
});

afterEach(async () => {
  core.close();
  await proxy.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AWS accounts through the service', () => {
  it('verifies the key, keeps the credentials as one secret, never returns them, and lists the volumes', async () => {
    // moto: regions, volumes, the account id. Proxy: pages of 5.
    for (let i = 0; i < 7; i += 1) await seedVolume(m.moto.url, 'eu-west-1', 10 + i);
    const token = encodeAwsCredentials(creds({ regions: ['eu-west-1'] }));
    const result = await core.dispatch('accounts:add', { provider: 'aws', name: 'Prod AWS', token });
    expect(result).toMatchObject({ ok: true, value: { provider: 'aws', status: 'ok' } });
    expect(result).toMatchObject({ value: { description: `AWS account ${MOTO_ACCOUNT_ID}, regions eu-west-1` } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    const listed = await core.dispatch('accounts:list', undefined);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    const stored = core.repos.accounts.list()[0]!;
    expect(await secrets.get(stored.secretRef!)).toBe(token);

    await core.dispatch('targets:refresh', undefined);
    const targets = core.repos.targets.list(stored.id);
    expect(targets.map((t) => t.region)).toEqual(Array(7).fill('eu-west-1'));
    expect(targets.map((t) => t.sizeGb).sort()).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect(proxy.count('DescribeVolumes')).toBeGreaterThanOrEqual(2);
  });

  it('a malformed credential is refused per field and nothing is saved', async () => {
    const token = JSON.stringify({ accessKeyId: 'AKIA-not-a-key', secretAccessKey: SECRET });
    const result = await core.dispatch('accounts:add', { provider: 'aws', name: 'Bad', token });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'accessKeyId' }] } });
    expect(result.ok === false && result.error.message).not.toContain(SECRET);
    expect(core.repos.accounts.list()).toEqual([]);
    expect(proxy.calls).toEqual([]);
  });
});
