/**
 * DigitalOcean: Block Storage volumes (snapshot = one POST, ready at once) and
 * Droplets (snapshot = an action to poll, see droplet-snapshots.ts). Creating a
 * Droplet snapshot adopts an existing image of the same name.
 */
import type { z } from 'zod';
import type { HttpClient } from '../http/client';
import { collectPages, createHttp } from '../http/setup';
import { assertRuleKey, assertSnapshotName, DO_RULE_TAG_PREFIX, OWNER_TAG } from '../ownership';
import {
  ProviderError,
  type AccountInfo,
  type ProviderClient,
  type ProviderOptions,
  type ProviderSnapshot,
  type ProviderTarget,
  type SnapshotRequest,
} from '../types';
import { parseActionHandle } from './action-handle';
import {
  DIGITALOCEAN_API_URL,
  LABEL,
  nextPage,
  PER_PAGE,
  type DoDroplet,
  type DoPage,
  type DoSnapshot,
  type DoVolume,
} from './api';
import { digitalOceanDialect } from './dialect';
import { DropletSnapshots } from './droplet-snapshots';
import {
  doAccountAnswer,
  doDropletsPage,
  doNoContent,
  doSnapshotAnswer,
  doSnapshotsPage,
  doVolumesPage,
} from './schemas';
import { toSnapshot } from './snapshot';

export class DigitalOceanClient implements ProviderClient {
  readonly kind = 'digitalocean' as const;
  readonly http: HttpClient;
  private readonly droplets: DropletSnapshots;

  constructor(token: string, options: ProviderOptions = {}) {
    this.http = createHttp('digitalocean', token, options, {
      baseUrl: DIGITALOCEAN_API_URL,
      dialect: digitalOceanDialect,
      headers: { authorization: `Bearer ${token}` },
    });
    this.droplets = new DropletSnapshots(this.http);
  }

  async verify(): Promise<AccountInfo> {
    const res = await this.http.read(
      { method: 'GET', path: '/v2/account', action: 'check the token', scope: 'account:read' },
      doAccountAnswer,
    );
    const { email, team, status } = res.body.account;
    const parts = [
      email,
      team?.name ? `team ${team.name}` : null,
      status !== 'active' ? `account ${status}` : null,
    ].filter(Boolean);
    return { description: parts.join(', ') || null };
  }

  async listTargets(): Promise<ProviderTarget[]> {
    const droplets = await this.list(
      '/v2/droplets',
      doDropletsPage,
      (b): DoDroplet[] => b.droplets,
      'list Droplets',
      'droplet:read',
    );
    const volumes = await this.list(
      '/v2/volumes',
      doVolumesPage,
      (b): DoVolume[] => b.volumes,
      'list volumes',
      'block_storage:read',
    );
    const dropletNames = new Map(droplets.map((d) => [d.id, d.name]));
    const targets: ProviderTarget[] = volumes.map((v) => {
      const attachedId = v.droplet_ids?.[0];
      return {
        providerId: v.id,
        kind: 'volume',
        name: v.name,
        region: v.region.slug,
        sizeGb: v.size_gigabytes,
        attachedTo: attachedId === undefined ? null : (dropletNames.get(attachedId) ?? String(attachedId)),
        tags: v.tags ?? [],
        snapshotable: true,
        unsupportedReason: null,
      };
    });
    for (const d of droplets) {
      targets.push({
        providerId: String(d.id),
        kind: 'server',
        name: d.name,
        region: d.region.slug,
        sizeGb: d.disk,
        attachedTo: null,
        tags: d.tags ?? [],
        snapshotable: true,
        unsupportedReason: null,
      });
    }
    return targets;
  }

  async createSnapshot(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    assertRuleKey(request.ruleKey);
    assertSnapshotName(request.name, LABEL);
    if (target.kind !== 'volume') return this.droplets.create(target, request);
    const res = await this.http.read(
      {
        method: 'POST',
        path: `/v2/volumes/${encodeURIComponent(target.providerId)}/snapshots`,
        body: { name: request.name, tags: [OWNER_TAG, DO_RULE_TAG_PREFIX + request.ruleKey] },
        action: `create a snapshot of volume "${target.name}"`,
        scope: 'block_storage_snapshot:create',
      },
      doSnapshotAnswer,
    );
    return toSnapshot(res.body.snapshot);
  }

  async getSnapshot(target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot> {
    if (target.kind === 'volume') {
      const res = await this.http.read(
        {
          method: 'GET',
          path: `/v2/volumes/snapshots/${encodeURIComponent(snapshotId)}`,
          action: 'read a volume snapshot',
          scope: 'block_storage_snapshot:read',
        },
        doSnapshotAnswer,
      );
      return toSnapshot(res.body.snapshot);
    }
    const handle = parseActionHandle(snapshotId);
    if (handle) return this.droplets.follow(target, snapshotId, handle);
    const res = await this.http.read(
      {
        method: 'GET',
        path: `/v2/snapshots/${encodeURIComponent(snapshotId)}`,
        action: 'read a Droplet snapshot',
        scope: 'snapshot:read',
      },
      doSnapshotAnswer,
    );
    return toSnapshot(res.body.snapshot);
  }

  async listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    if (target.kind !== 'volume') return this.droplets.list(target);
    const snaps = await this.list(
      `/v2/volumes/${encodeURIComponent(target.providerId)}/snapshots`,
      doSnapshotsPage,
      (b): DoSnapshot[] => b.snapshots,
      `list snapshots of volume "${target.name}"`,
      'block_storage_snapshot:read',
    );
    return snaps.map(toSnapshot);
  }

  async deleteSnapshot(target: ProviderTarget, snapshotId: string): Promise<void> {
    if (target.kind === 'volume') {
      await this.http.read(
        {
          method: 'DELETE',
          path: `/v2/volumes/snapshots/${encodeURIComponent(snapshotId)}`,
          action: `delete a snapshot of volume "${target.name}"`,
          scope: 'block_storage_snapshot:delete',
        },
        doNoContent,
      );
      return;
    }
    if (parseActionHandle(snapshotId)) {
      throw new ProviderError(
        'target_busy',
        `The DigitalOcean snapshot of Droplet "${target.name}" is still being created; it can be deleted once it is done.`,
        { transient: true },
      );
    }
    await this.http.read(
      {
        method: 'DELETE',
        path: `/v2/snapshots/${encodeURIComponent(snapshotId)}`,
        action: `delete a snapshot of Droplet "${target.name}"`,
        scope: 'image:delete',
      },
      doNoContent,
    );
  }

  /** Every item of a list, each page validated against `schema`, following links.pages.next. */
  private list<B extends DoPage, T>(
    path: string,
    schema: z.ZodType<B>,
    itemsOf: (body: B) => T[],
    action: string,
    scope: string,
  ): Promise<T[]> {
    return collectPages(
      this.http,
      { method: 'GET', path, query: { per_page: PER_PAGE, page: 1 }, action, scope },
      schema,
      itemsOf,
      nextPage,
    );
  }
}
