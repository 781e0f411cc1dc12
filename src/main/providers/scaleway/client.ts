/**
 * Scaleway: Block Storage (SBS) volumes in every zone, snapshotted through the
 * Block API (volume-snapshots.ts), and Instance servers, backed up whole with
 * the `backup` action (server-backups.ts).
 *
 * Written on the shared HTTP layer rather than the official SDK: the SDK does
 * its own fetch, retries and error classes, so our budget, retry policy and
 * error mapping would have to be bolted on around it, and its block/instance
 * packages pin an older @scaleway/sdk-client as a peer. A dozen endpoints do
 * not justify that.
 */
import { createLogger } from '../../ports/log';
import type { HttpClient } from '../http/client';
import { createHttp } from '../http/setup';
import { assertRuleKey, assertSnapshotName } from '../ownership';
import {
  ProviderError,
  type AccountInfo,
  type ProviderClient,
  type ProviderOptions,
  type ProviderSnapshot,
  type ProviderTarget,
  type SnapshotRequest,
} from '../types';
import {
  LABEL,
  SCALEWAY_API_URL,
  SCALEWAY_BLOCK_ZONES,
  SCALEWAY_INSTANCE_ZONES,
  type ScwServer,
  type ScwVolume,
} from './api';
import { scalewayDialect } from './dialect';
import { scwServersPage, scwVolumesPage } from './schemas';
import { blockPages, instancePages } from './paging';
import { ServerBackups } from './server-backups';
import { VolumeSnapshots } from './volume-snapshots';
import { plural } from '../../../shared/plural';

export class ScalewayClient implements ProviderClient {
  readonly kind = 'scaleway' as const;
  readonly http: HttpClient;
  private readonly blockZones: string[];
  private readonly instanceZones: string[];
  private readonly volumes: VolumeSnapshots;
  private readonly servers: ServerBackups;

  constructor(token: string, options: ProviderOptions = {}) {
    this.blockZones = options.zones ?? SCALEWAY_BLOCK_ZONES;
    this.instanceZones = options.zones ?? SCALEWAY_INSTANCE_ZONES;
    this.http = createHttp('scaleway', token, options, {
      baseUrl: SCALEWAY_API_URL,
      dialect: scalewayDialect,
      headers: { 'x-auth-token': token },
    });
    this.volumes = new VolumeSnapshots(this.http);
    this.servers = new ServerBackups(this.http, options.log ?? createLogger('providers:scaleway'));
  }

  async verify(): Promise<AccountInfo> {
    const zone = this.blockZones[0] ?? 'fr-par-1';
    const res = await this.http.read(
      {
        method: 'GET',
        path: `/block/v1/zones/${zone}/volumes`,
        query: { page: 1, page_size: 1 },
        action: 'check the API key',
        scope: 'BlockStorageReadOnly',
      },
      scwVolumesPage,
    );
    const n = res.body.total_count;
    return { description: `Scaleway API key, ${plural(n, 'Block Storage volume')} in ${zone}` };
  }

  /** Servers in every Instance zone, then volumes in every Block zone (named after their server). */
  async listTargets(): Promise<ProviderTarget[]> {
    const servers: ScwServer[] = [];
    for (const zone of this.instanceZones) servers.push(...(await this.serversIn(zone)));
    const names = new Map(servers.map((s) => [s.id, s.name]));
    const targets: ProviderTarget[] = [];
    for (const zone of this.blockZones) {
      const volumes = await blockPages(this.http, {
        path: `/block/v1/zones/${zone}/volumes`,
        schema: scwVolumesPage,
        itemsOf: (b): ScwVolume[] => b.volumes,
        action: `list volumes in ${zone}`,
        scope: 'BlockStorageReadOnly',
      });
      for (const v of volumes) {
        const server = serverRef(v);
        targets.push({
          providerId: v.id,
          kind: 'volume',
          name: v.name,
          region: v.zone ?? zone,
          sizeGb: Math.round(v.size / 1e9),
          attachedTo: server ? (names.get(server) ?? server) : null,
          tags: v.tags ?? [],
          snapshotable: true,
          unsupportedReason: null,
        });
      }
    }
    return [...targets, ...servers.map(serverTarget)];
  }

  async createSnapshot(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    assertRuleKey(request.ruleKey);
    assertSnapshotName(request.name, LABEL);
    return target.kind === 'server' ? this.servers.create(target, request) : this.volumes.create(target, request);
  }

  getSnapshot(target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot> {
    return target.kind === 'server' ? this.servers.get(target, snapshotId) : this.volumes.get(target, snapshotId);
  }

  listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    return target.kind === 'server' ? this.servers.list(target) : this.volumes.list(target);
  }

  deleteSnapshot(target: ProviderTarget, snapshotId: string): Promise<void> {
    return target.kind === 'server' ? this.servers.delete(target, snapshotId) : this.volumes.delete(target, snapshotId);
  }

  /** A zone's servers; none without Instance permissions (volumes then show server ids, not names). */
  private async serversIn(zone: string): Promise<ScwServer[]> {
    try {
      return await instancePages(this.http, {
        path: `/instance/v1/zones/${zone}/servers`,
        schema: scwServersPage,
        itemsOf: (b): ScwServer[] => b.servers,
        action: `list servers in ${zone}`,
        scope: 'InstancesReadOnly',
      });
    } catch (err) {
      if (err instanceof ProviderError && err.code === 'permission_missing') return [];
      throw err;
    }
  }
}

function serverRef(v: ScwVolume): string | null {
  return v.references?.find((r) => r.product_resource_type === 'instance_server')?.product_resource_id ?? null;
}

function serverTarget(s: ScwServer): ProviderTarget {
  const bytes = Object.values(s.volumes ?? {}).reduce((sum, v) => sum + (v.size ?? 0), 0);
  return {
    providerId: s.id,
    kind: 'server',
    name: s.name,
    region: s.zone,
    sizeGb: bytes > 0 ? Math.round(bytes / 1e9) : null,
    attachedTo: null,
    tags: s.tags ?? [],
    snapshotable: true,
    unsupportedReason: null,
  };
}
