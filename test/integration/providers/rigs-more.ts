/**
 * The fault-matrix rigs for Scaleway servers (Instance API backups) and
 * Google Cloud persistent disks, in the shape of rigs.ts. Each is seeded with
 * one target and one volsnap snapshot of it (the Scaleway client deletes only
 * its own images; the Google client lists only snapshots with volsnap's labels).
 */
import { createProviderClient } from '../../../src/main/providers';
import { describeEngineName, gceSnapshotName, ownedLabels } from '../../../src/main/providers/gcp/names';
import { parseHandle } from '../../../src/main/providers/gcp/operations';
import type { ProviderOptions } from '../../../src/main/providers/types';
import { GCP_CREATE_ROUTE, startGcpFake } from '../../fakes/gcp';
import { startScalewayFake } from '../../fakes/scaleway';
import { fastOptions } from './helpers';
import { RULE_KEY, runner, targetOf, type Rig } from './rigs';

/** A Scaleway server with a volsnap backup image of it (named and tagged as volsnap makes them). */
export async function startScalewayServerRig(token: string, extra: Partial<ProviderOptions>): Promise<Rig> {
  const fake = await startScalewayFake({ token });
  const client = createProviderClient('scaleway', token, fastOptions(fake.url, [], { zones: ['fr-par-1'], ...extra }));
  const server = fake.addServer({ name: 'web-1', zone: 'fr-par-1' });
  const image = fake.addImage(server.id, {
    name: `volsnap-web-1-20240601T010000Z.rule-${RULE_KEY}`,
    tags: ['volsnap', `volsnap-rule=${RULE_KEY}`],
  });
  const target = targetOf(server.id, 'server', 'web-1', 'fr-par-1');
  const images = () => [...fake.instance.images.values()].filter((i) => i.serverId === server.id);
  return {
    kind: 'scaleway-server',
    label: 'Scaleway',
    token,
    fake,
    client,
    target,
    snapshotId: image.id,
    count: () => images().length,
    exists: (id) => fake.instance.images.has(id),
    routes: {
      verify: 'GET /block/v1/zones/:zone/volumes',
      listTargets: 'GET /instance/v1/zones/:zone/servers',
      createSnapshot: 'POST /instance/v1/zones/:zone/servers/:id/action',
      getSnapshot: 'GET /instance/v1/zones/:zone/images/:id',
      listSnapshots: 'GET /instance/v1/zones/:zone/images',
      deleteSnapshot: 'DELETE /instance/v1/zones/:zone/images/:id',
    },
    secrets: () => [],
    // The backup action's task names the image only in href_result; without it volsnap finds the image by name.
    idFields: ['id', 'href_result'],
    run: runner(client, target, () => image.id),
    close: () => fake.close(),
  };
}

const P = '/compute/v1/projects/:project';

/**
 * A Google Cloud zonal disk with one snapshot made outside volsnap. The
 * client's `token` is the emulator's service-account key, not `token`; the
 * secrets to watch are its private key and the access tokens it was issued.
 */
export async function startGcpRig(token: string, extra: Partial<ProviderOptions>): Promise<Rig> {
  const fake = await startGcpFake();
  const client = createProviderClient('gcp', fake.keyFile(), fastOptions(fake.url, [], extra));
  const zone = 'europe-west1-b';
  fake.addDisk({ name: 'data', zone, sizeGb: 10 });
  const diskKey = `${zone}/data`;
  // A volsnap snapshot: the client lists only snapshots with volsnap's labels.
  const snap = fake.addSnapshot({
    name: gceSnapshotName('volsnap-data-20240601T010000Z', diskKey),
    diskKey,
    labels: ownedLabels(RULE_KEY),
    description: describeEngineName('volsnap-data-20240601T010000Z'),
  });
  const target = targetOf(diskKey, 'volume', 'data', zone);
  return {
    kind: 'gcp',
    label: 'Google Cloud',
    token,
    fake,
    client,
    target,
    snapshotId: snap.name,
    count: () => [...fake.res.snapshots.values()].filter((s) => s.diskKey === diskKey).length,
    settledId: (id) => parseHandle(id)?.name ?? null,
    // A create still running is known by its handle `<name>@<zone>/<operation>`.
    exists: (id) => {
      const handle = parseHandle(id);
      return handle ? fake.res.operations.has(handle.operation) : fake.res.snapshots.has(id);
    },
    routes: {
      verify: `GET ${P}`,
      listTargets: `GET ${P}/aggregated/disks`,
      createSnapshot: GCP_CREATE_ROUTE,
      getSnapshot: `GET ${P}/global/snapshots/:snapshot`,
      listSnapshots: `GET ${P}/global/snapshots`,
      deleteSnapshot: `DELETE ${P}/global/snapshots/:snapshot`,
    },
    secrets: () => [
      ...fake.issuedTokens,
      ...fake.account.privateKeyPem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----')),
    ],
    idFields: ['id', 'name'],
    run: runner(client, target, () => snap.name),
    close: () => fake.close(),
  };
}
