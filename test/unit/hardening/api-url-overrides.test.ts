import { afterEach, describe, expect, it } from 'vitest';
import { DIGITALOCEAN_API_URL } from '../../../src/main/providers/digitalocean';
import { resolveBaseUrl } from '../../../src/main/providers/http/setup';
import { shellProviderFactory } from '../../../src/main/shell/provider-factory';
import { RequestBudget } from '../../../src/main/providers/http/budget';

afterEach(() => {
  delete process.env.VOLSNAP_DIGITALOCEAN_API_URL;
  delete process.env.VOLSNAP_SCALEWAY_API_URL;
});

const quiet = { budget: new RequestBudget({ limits: [] }) };

describe('VOLSNAP_*_API_URL overrides are ignored in packaged builds (issue 11, item 21)', () => {
  it('the provider layer takes the public API when told to ignore the environment', () => {
    process.env.VOLSNAP_DIGITALOCEAN_API_URL = 'https://attacker.example.com';
    expect(resolveBaseUrl('digitalocean', DIGITALOCEAN_API_URL, {})).toBe('https://attacker.example.com');
    expect(resolveBaseUrl('digitalocean', DIGITALOCEAN_API_URL, { ignoreApiUrlEnvironment: true })).toBe(
      DIGITALOCEAN_API_URL,
    );
  });

  it('a packaged shell never reads the override; development still does', () => {
    // An http override to another machine is refused when read, so whether it was read is observable offline.
    process.env.VOLSNAP_DIGITALOCEAN_API_URL = 'http://proxy.example.com';
    process.env.VOLSNAP_SCALEWAY_API_URL = 'http://proxy.example.com';
    const development = shellProviderFactory({ packaged: false });
    expect(() => development('digitalocean', 'tok-dev-1234', quiet)).toThrow(/VOLSNAP_DIGITALOCEAN_API_URL/);
    const packaged = shellProviderFactory({ packaged: true });
    expect(packaged('digitalocean', 'tok-pkg-1234', quiet).kind).toBe('digitalocean');
    expect(packaged('scaleway', 'tok-pkg-1234', quiet).kind).toBe('scaleway');
    expect(packaged('demo', null, {}).kind).toBe('demo');
  });

  it('a caller cannot switch the environment back on in a packaged build', () => {
    process.env.VOLSNAP_DIGITALOCEAN_API_URL = 'http://proxy.example.com';
    const packaged = shellProviderFactory({ packaged: true });
    expect(packaged('digitalocean', 'tok-pkg-1234', { ...quiet, ignoreApiUrlEnvironment: false }).kind).toBe(
      'digitalocean',
    );
  });
});
