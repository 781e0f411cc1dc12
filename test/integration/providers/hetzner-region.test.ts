/**
 * Hetzner removed `server.datacenter` after 1 July 2026 (PROVIDERS.md section
 * 0): the region comes from `server.location`, and from `datacenter.location`
 * only when an older answer still carries it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient, providerInfo } from '../../../src/main/providers';
import { startHetznerFake, type HetznerFake } from '../../fakes/hetzner';
import { fastOptions } from './helpers';

const TOKEN = 'hz_SECRET_region_c0ffee42';
let fake: HetznerFake;
afterEach(async () => {
  await fake?.close();
});

async function serverRegions(serverShape: 'current' | 'datacenter-only'): Promise<string[]> {
  fake = await startHetznerFake({ token: TOKEN, rateLimits: null, serverShape });
  fake.addServer({ name: 'web-1', location: 'fsn1' });
  fake.addServer({ name: 'web-2', location: 'ash' });
  const client = createProviderClient('hetzner', TOKEN, fastOptions(fake.url));
  return (await client.listTargets()).filter((t) => t.kind === 'server').map((t) => t.region);
}

describe('Hetzner server regions', () => {
  it('come from location in the current shape, which has no datacenter', async () => {
    expect(await serverRegions('current')).toEqual(['fsn1', 'ash']);
    fake.record = true;
    await createProviderClient('hetzner', TOKEN, fastOptions(fake.url)).listTargets();
    const servers = (fake.recorded[0]!.responseBody as { servers: Record<string, unknown>[] }).servers;
    expect(servers[0]).not.toHaveProperty('datacenter');
    expect(servers[0]).toHaveProperty('location.name', 'fsn1');
  });

  it('still come from datacenter.location when an answer has only that', async () => {
    expect(await serverRegions('datacenter-only')).toEqual(['fsn1', 'ash']);
  });

  it('the console link is console.hetzner.com', () => {
    expect(providerInfo.hetzner.tokenUrl).toBe('https://console.hetzner.com/');
    expect(providerInfo.hetzner.tokenHelp).toContain('https://console.hetzner.com/');
    expect(providerInfo.hetzner.tokenHelp).not.toContain('console.hetzner.cloud');
  });
});
