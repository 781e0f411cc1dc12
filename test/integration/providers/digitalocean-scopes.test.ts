/**
 * A DigitalOcean 403 names every scope the refused call needs: a Droplet
 * snapshot needs droplet:update AND image:create, tagging its image needs
 * tag:create AND image:update (PROVIDERS.md section 0). The emulator refuses
 * these routes unless the token has all of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient } from '../../../src/main/providers';
import type { ProviderTarget } from '../../../src/main/providers/types';
import { startDigitalOceanFake, type DigitalOceanFake } from '../../fakes/digitalocean';
import { failure, fastOptions, guardSecrets } from './helpers';

const TOKEN = 'dop_v1_SECRET_scopes_0d15ea5e';
const guard = guardSecrets([TOKEN]);
const READS = ['account:read', 'block_storage:read', 'droplet:read', 'image:read', 'actions:read', 'snapshot:read'];

let fake: DigitalOceanFake;
afterEach(async () => {
  await fake?.close();
});

async function setup(scopes: string[]) {
  fake = await startDigitalOceanFake({ token: TOKEN, rateLimits: null, scopes, actionPolls: 0 });
  const droplet = fake.addDroplet({ name: 'web-1', region: 'fra1' });
  const client = createProviderClient('digitalocean', TOKEN, fastOptions(fake.url));
  const target = (await client.listTargets()).find((t) => t.providerId === String(droplet.id)) as ProviderTarget;
  return { client, target };
}

describe('DigitalOcean 403 messages name every scope needed', () => {
  it('a Droplet snapshot refused for lack of image:create names droplet:update and image:create', async () => {
    const { client, target } = await setup([...READS, 'droplet:update']);
    const e = await failure(guard, () => client.createSnapshot(target, { name: 'volsnap-web-1', ruleKey: 'r1' }));
    expect(e.code).toBe('permission_missing');
    expect(e.message).toContain('DigitalOcean refused to create a snapshot of Droplet "web-1" (403)');
    expect(e.message).toContain('"droplet:update" and "image:create"');
    expect(e.message).toContain('replace it in Accounts');
  });

  it('tagging refused for lack of image:update names tag:create and image:update', async () => {
    const { client, target } = await setup([...READS, 'droplet:update', 'image:create', 'tag:create']);
    const started = await client.createSnapshot(target, { name: 'volsnap-web-1', ruleKey: 'r1' });
    const e = await failure(guard, () => client.getSnapshot(target, started.id));
    expect(e.code).toBe('permission_missing');
    expect(e.message).toContain(`tag the snapshot of Droplet "web-1" as volsnap's (403)`);
    expect(e.message).toContain('"tag:create" and "image:update"');
  });

  it('with every scope, the snapshot is made and tagged', async () => {
    const { client, target } = await setup([...READS, 'droplet:update', 'image:create', 'tag:create', 'image:update']);
    let snap = await client.createSnapshot(target, { name: 'volsnap-web-1', ruleKey: 'r1' });
    while (snap.status === 'creating') snap = await client.getSnapshot(target, snap.id);
    expect(snap).toMatchObject({ status: 'available', managed: true, ruleKey: 'r1' });
  });
});
