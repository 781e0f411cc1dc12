/**
 * One emulator plus a real client per provider and target kind, seeded with a
 * target that has one snapshot made outside volsnap, for the boundary tests and
 * the fault matrix. `routes` names the request of each client call that a
 * scripted fault should hit (the call's decisive request).
 */
import { createProviderClient } from '../../../src/main/providers';
import type { ProviderClient, ProviderTarget } from '../../../src/main/providers/types';
import type { ProviderOptions } from '../../../src/main/providers/types';
import { startDigitalOceanFake } from '../../fakes/digitalocean';
import { startHetznerFake } from '../../fakes/hetzner';
import type { FakeHttpServer } from '../../fakes/http-fake';
import { startScalewayFake } from '../../fakes/scaleway';
import { fastOptions } from './helpers';
import { startGcpRig, startScalewayServerRig } from './rigs-more';

export const calls = [
  'verify',
  'listTargets',
  'createSnapshot',
  'getSnapshot',
  'listSnapshots',
  'deleteSnapshot',
] as const;
export type Call = (typeof calls)[number];

export type RigKind = 'do-volume' | 'do-droplet' | 'scaleway' | 'scaleway-server' | 'hetzner' | 'gcp';
export const rigKinds: RigKind[] = ['do-volume', 'do-droplet', 'scaleway', 'scaleway-server', 'hetzner', 'gcp'];

export interface Rig {
  kind: RigKind;
  /** The provider's name as the client says it in messages. */
  label: string;
  token: string;
  fake: FakeHttpServer;
  client: ProviderClient;
  target: ProviderTarget;
  /** A snapshot of `target` that exists at the emulator (for get and delete). */
  snapshotId: string;
  /** Snapshots of `target` at the emulator right now. */
  count(): number;
  /**
   * The id a snapshot is known by once its create has finished, when that
   * differs (Google: a running create is a handle `<name>@<zone>/<operation>`,
   * a finished one its name); null when it does not.
   */
  settledId?(id: string): string | null;
  /** Whether `snapshotId` still exists at the emulator. */
  exists(id: string): boolean;
  routes: Record<Call, string>;
  /**
   * Secrets besides `token` that must never leave the client (Google: the
   * key's private key and every access token the emulator issued).
   */
  secrets(): string[];
  /** The fields that identify a resource in this provider's answers (dropped by the "missing id" fault). */
  idFields: readonly string[];
  /** Runs one client call the way the engine would. */
  run(call: Call, name?: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Long enough, provider-valid, volsnap-shaped names. */
export const snapshotName = (n: number): string => `volsnap-data-2024061${n % 10}T010000Z`;
export const RULE_KEY = 'r1-abcdef12';

export function runner(client: ProviderClient, target: ProviderTarget, snapshotId: () => string) {
  return (call: Call, name = snapshotName(1)): Promise<unknown> => {
    switch (call) {
      case 'verify':
        return client.verify();
      case 'listTargets':
        return client.listTargets();
      case 'createSnapshot':
        return client.createSnapshot(target, { name, ruleKey: RULE_KEY });
      case 'getSnapshot':
        return client.getSnapshot(target, snapshotId());
      case 'listSnapshots':
        return client.listSnapshots(target);
      case 'deleteSnapshot':
        return client.deleteSnapshot(target, snapshotId());
    }
  };
}

export function targetOf(providerId: string, kind: 'volume' | 'server', name: string, region: string): ProviderTarget {
  return {
    providerId,
    kind,
    name,
    region,
    sizeGb: 10,
    attachedTo: null,
    tags: [],
    snapshotable: true,
    unsupportedReason: null,
  };
}

/** Starts the emulator for `kind` and a client for it (`extra` overrides the fast test options). */
export async function startRig(kind: RigKind, token: string, extra: Partial<ProviderOptions> = {}): Promise<Rig> {
  if (kind === 'scaleway-server') return startScalewayServerRig(token, extra);
  if (kind === 'gcp') return startGcpRig(token, extra);
  if (kind === 'do-volume' || kind === 'do-droplet') {
    const fake = await startDigitalOceanFake({ token, rateLimits: null });
    const client = createProviderClient('digitalocean', token, fastOptions(fake.url, [], extra));
    if (kind === 'do-volume') {
      const v = fake.addVolume({ name: 'data', region: 'fra1', sizeGb: 10 });
      const snap = fake.addVolumeSnapshot(v.id, 'manual-before-upgrade');
      const target = targetOf(v.id, 'volume', 'data', 'fra1');
      return {
        kind,
        label: 'DigitalOcean',
        token,
        fake,
        client,
        target,
        snapshotId: snap.id,
        count: () => fake.snapshotsOf(v.id).length,
        exists: (id) => fake.state.snapshots.has(id),
        routes: {
          verify: 'GET /v2/account',
          listTargets: 'GET /v2/volumes',
          createSnapshot: 'POST /v2/volumes/:volume_id/snapshots',
          getSnapshot: 'GET /v2/volumes/snapshots/:snapshot_id',
          listSnapshots: 'GET /v2/volumes/:volume_id/snapshots',
          deleteSnapshot: 'DELETE /v2/volumes/snapshots/:snapshot_id',
        },
        secrets: () => [],
        idFields: ['id'],
        run: runner(client, target, () => snap.id),
        close: () => fake.close(),
      };
    }
    const d = fake.addDroplet({ name: 'web-1', region: 'fra1' });
    const image = fake.addDropletImage(d.id, 'manual-image');
    const target = targetOf(String(d.id), 'server', 'web-1', 'fra1');
    return {
      kind,
      label: 'DigitalOcean',
      token,
      fake,
      client,
      target,
      snapshotId: image.id,
      count: () =>
        fake.snapshotsOf(String(d.id)).length +
        [...fake.state.actions.values()].filter((a) => a.status === 'in-progress').length,
      exists: (id) => fake.state.snapshots.has(id),
      routes: {
        verify: 'GET /v2/account',
        listTargets: 'GET /v2/droplets',
        createSnapshot: 'POST /v2/droplets/:droplet_id/actions',
        getSnapshot: 'GET /v2/snapshots/:snapshot_id',
        listSnapshots: 'GET /v2/droplets/:droplet_id/snapshots',
        deleteSnapshot: 'DELETE /v2/snapshots/:snapshot_id',
      },
      secrets: () => [],
      idFields: ['id'],
      run: runner(client, target, () => image.id),
      close: () => fake.close(),
    };
  }
  if (kind === 'scaleway') {
    const fake = await startScalewayFake({ token });
    const client = createProviderClient(
      'scaleway',
      token,
      fastOptions(fake.url, [], { zones: ['fr-par-1'], ...extra }),
    );
    const v = fake.addVolume({ name: 'data', zone: 'fr-par-1' });
    const snap = fake.addSnapshot(v.id, 'manual-before-upgrade');
    const target = targetOf(v.id, 'volume', 'data', 'fr-par-1');
    return {
      kind,
      label: 'Scaleway',
      token,
      fake,
      client,
      target,
      snapshotId: snap.id,
      count: () => [...fake.state.snapshots.values()].filter((s) => s.volumeId === v.id).length,
      exists: (id) => fake.state.snapshots.has(id),
      routes: {
        verify: 'GET /block/v1/zones/:zone/volumes',
        listTargets: 'GET /block/v1/zones/:zone/volumes',
        createSnapshot: 'POST /block/v1/zones/:zone/snapshots',
        getSnapshot: 'GET /block/v1/zones/:zone/snapshots/:id',
        listSnapshots: 'GET /block/v1/zones/:zone/snapshots',
        deleteSnapshot: 'DELETE /block/v1/zones/:zone/snapshots/:id',
      },
      secrets: () => [],
      idFields: ['id'],
      run: runner(client, target, () => snap.id),
      close: () => fake.close(),
    };
  }
  const fake = await startHetznerFake({ token, rateLimits: null });
  const client = createProviderClient('hetzner', token, fastOptions(fake.url, [], extra));
  const server = fake.addServer({ name: 'web-1' });
  const image = fake.addImage(server.id, { description: 'manual-before-upgrade' });
  const target = targetOf(String(server.id), 'server', 'web-1', server.location);
  return {
    kind,
    label: 'Hetzner Cloud',
    token,
    fake,
    client,
    target,
    snapshotId: String(image.id),
    count: () => [...fake.state.images.values()].filter((i) => i.serverId === server.id).length,
    exists: (id) => fake.state.images.has(Number(id)),
    routes: {
      verify: 'GET /v1/servers',
      listTargets: 'GET /v1/servers',
      createSnapshot: 'POST /v1/servers/:id/actions/create_image',
      getSnapshot: 'GET /v1/images/:id',
      listSnapshots: 'GET /v1/images',
      deleteSnapshot: 'DELETE /v1/images/:id',
    },
    secrets: () => [],
    idFields: ['id'],
    run: runner(client, target, () => String(image.id)),
    close: () => fake.close(),
  };
}
