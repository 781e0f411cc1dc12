import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient, isValidRuleKey, providerInfo } from '../../../src/main/providers';
import type { DigitalOceanClient } from '../../../src/main/providers/digitalocean';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes/digitalocean';
import { startHetznerFake, type HetznerFake } from '../../fakes/hetzner';
import { providerKinds } from '../../../src/shared/domain';
import { encodeActionHandle, parseActionHandle } from '../../../src/main/providers/digitalocean';
import { RequestBudget } from '../../../src/main/providers/http/budget';

let fakes: (DigitalOceanFake | HetznerFake)[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
  delete process.env.VOLSNAP_DIGITALOCEAN_API_URL;
  delete process.env.VOLSNAP_HETZNER_API_URL;
});

describe('createProviderClient', () => {
  it('requires a token except for the demo cloud', () => {
    expect(() => createProviderClient('digitalocean', null)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(createProviderClient('demo', null).kind).toBe('demo');
  });

  it('takes the base URL from the environment when no option is given', async () => {
    const fake = await startDigitalOceanFake({ token: 'tok-env-1234' });
    fakes.push(fake);
    process.env.VOLSNAP_DIGITALOCEAN_API_URL = fake.url;
    const client = createProviderClient('digitalocean', 'tok-env-1234', { budget: new RequestBudget({ limits: [] }) });
    await expect(client.verify()).resolves.toBeTruthy();
    expect(fake.stats.total).toBe(1);
  });

  it('Hetzner accepts a base URL with or without /v1', async () => {
    const fake = await startHetznerFake({ token: 'tok-hz-1234' });
    fakes.push(fake);
    process.env.VOLSNAP_HETZNER_API_URL = `${fake.url}/v1`;
    const a = createProviderClient('hetzner', 'tok-hz-1234', { budget: new RequestBudget({ limits: [] }) });
    const b = createProviderClient('hetzner', 'tok-hz-1234', {
      baseUrl: fake.url,
      budget: new RequestBudget({ limits: [] }),
    });
    await expect(a.verify()).resolves.toBeTruthy();
    await expect(b.verify()).resolves.toBeTruthy();
  });

  it('refuses an API URL override that would send the token unencrypted over a network', () => {
    process.env.VOLSNAP_DIGITALOCEAN_API_URL = 'http://proxy.example.com';
    expect(() => createProviderClient('digitalocean', 'tok-plain-1234')).toThrow(
      /VOLSNAP_DIGITALOCEAN_API_URL must use https/,
    );
    expect(() => createProviderClient('scaleway', 'tok-plain-1234', { baseUrl: 'not a url' })).toThrow(
      /not a valid URL/,
    );
    expect(createProviderClient('hetzner', 'tok-plain-1234', { baseUrl: 'https://proxy.example.com' }).kind).toBe(
      'hetzner',
    );
    expect(createProviderClient('hetzner', 'tok-plain-1234', { baseUrl: 'http://localhost:8080' }).kind).toBe(
      'hetzner',
    );
  });

  it('refuses to follow a pagination link to another host (the token would go with it)', async () => {
    const client = createProviderClient('digitalocean', 'tok-links-1234', {
      baseUrl: 'http://127.0.0.1:9',
    }) as DigitalOceanClient;
    await expect(
      client.http.request({ method: 'GET', path: 'http://evil.example/v2/volumes', action: 'list volumes' }),
    ).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('provider info and ownership marks', () => {
  it('describes every provider, with https token pages', () => {
    for (const kind of providerKinds) {
      const info = providerInfo[kind];
      expect(info.label).toBeTruthy();
      if (info.needsToken) expect(info.tokenHelp).toMatch(/https:\/\//);
    }
    expect(providerInfo.digitalocean.tokenHelp).toContain('block_storage_snapshot:create');
  });

  it('rule keys must read back unchanged from tags and labels', () => {
    expect(isValidRuleKey('rule-12')).toBe(true);
    expect(isValidRuleKey('a')).toBe(true);
    expect(isValidRuleKey('-x')).toBe(false);
    expect(isValidRuleKey('has space')).toBe(false);
    expect(isValidRuleKey('x'.repeat(64))).toBe(false);
  });

  it('droplet snapshot handles carry the action, rule and name', () => {
    const h = encodeActionHandle(42, 'r1', 'volsnap-a:b');
    expect(parseActionHandle(h)).toEqual({ actionId: 42, ruleKey: 'r1', name: 'volsnap-a:b' });
    expect(parseActionHandle(encodeActionHandle(42, 'r1', 'x'.repeat(300)))).toEqual({
      actionId: 42,
      ruleKey: null,
      name: null,
    });
    expect(parseActionHandle('12345')).toBeNull();
  });
});
