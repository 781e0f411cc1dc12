/**
 * Block Storage (SBS) volume snapshots through the Block API
 * (`/block/v1/zones/{zone}/snapshots`): tags carry ownership at creation.
 */
import { redact } from '../../ports/log';
import type { HttpClient } from '../http/client';
import { OWNER_TAG, ownershipFromTags, SCW_RULE_TAG_PREFIX } from '../ownership';
import type { ProviderSnapshot, ProviderSnapshotStatus, ProviderTarget, SnapshotRequest } from '../types';
import type { ScwSnapshot } from './api';
import { blockPages } from './paging';
import { scwNoContent, scwSnapshot, scwSnapshotsPage, scwVolume } from './schemas';

/**
 * Block Storage snapshot statuses as volsnap's three (PROVIDERS.md section 0:
 * only `error` is a failure). `in_use`, `locked` and `exporting` snapshots are
 * complete (an export or a lock starts only from an available snapshot);
 * `deleting`/`deleted` ones were complete before someone removed them, so a
 * poll that sees them ends the run well (listSnapshots leaves them out).
 * `creating`, `unknown_status` and any status Scaleway adds later keep the
 * poll going until its deadline rather than fail a run that may well succeed.
 */
export function snapshotStatus(status: string): ProviderSnapshotStatus {
  if (status === 'error') return 'error';
  if (['available', 'in_use', 'locked', 'exporting', 'deleting', 'deleted'].includes(status)) return 'available';
  return 'creating';
}

/** Statuses of snapshots on their way out: not counted among those retention keeps. */
export const GONE_STATUSES = new Set(['deleting', 'deleted']);

export function toSnapshot(s: ScwSnapshot): ProviderSnapshot {
  const { managed, ruleKey } = ownershipFromTags(s.name, s.tags, SCW_RULE_TAG_PREFIX);
  const status = snapshotStatus(s.status);
  return {
    id: s.id,
    name: s.name,
    status,
    createdAt: s.created_at ?? null,
    sizeGb: typeof s.size === 'number' ? Math.round((s.size / 1e9) * 100) / 100 : null,
    // The status is the provider's word: redacted like any provider text before it is stored.
    error: status === 'error' ? `Scaleway reports the snapshot as "${redact(s.status)}".` : null,
    managed,
    ruleKey,
    protected: false,
  };
}

export class VolumeSnapshots {
  constructor(private readonly http: HttpClient) {}

  async create(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot> {
    const zone = target.region;
    // A snapshot belongs to a project; it must be the volume's.
    const volume = await this.http.read(
      {
        method: 'GET',
        path: `/block/v1/zones/${zone}/volumes/${encodeURIComponent(target.providerId)}`,
        action: `read volume "${target.name}"`,
        scope: 'BlockStorageReadOnly',
      },
      scwVolume,
    );
    const res = await this.http.read(
      {
        method: 'POST',
        path: `/block/v1/zones/${zone}/snapshots`,
        body: {
          volume_id: target.providerId,
          name: request.name,
          project_id: volume.body.project_id,
          tags: [OWNER_TAG, SCW_RULE_TAG_PREFIX + request.ruleKey],
        },
        action: `create a snapshot of volume "${target.name}"`,
        scope: 'BlockStorageFullAccess',
      },
      scwSnapshot,
    );
    return toSnapshot(res.body);
  }

  async get(target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot> {
    const res = await this.http.read(
      {
        method: 'GET',
        path: `/block/v1/zones/${target.region}/snapshots/${encodeURIComponent(snapshotId)}`,
        action: `read a snapshot of volume "${target.name}"`,
        scope: 'BlockStorageReadOnly',
      },
      scwSnapshot,
    );
    return toSnapshot(res.body);
  }

  async list(target: ProviderTarget): Promise<ProviderSnapshot[]> {
    const snaps = await blockPages(this.http, {
      path: `/block/v1/zones/${target.region}/snapshots`,
      schema: scwSnapshotsPage,
      itemsOf: (b): ScwSnapshot[] => b.snapshots,
      query: { volume_id: target.providerId },
      action: `list snapshots of volume "${target.name}"`,
      scope: 'BlockStorageReadOnly',
    });
    return snaps.filter((s) => !GONE_STATUSES.has(s.status)).map(toSnapshot);
  }

  async delete(target: ProviderTarget, snapshotId: string): Promise<void> {
    await this.http.read(
      {
        method: 'DELETE',
        path: `/block/v1/zones/${target.region}/snapshots/${encodeURIComponent(snapshotId)}`,
        action: `delete a snapshot of volume "${target.name}"`,
        scope: 'BlockStorageFullAccess',
      },
      scwNoContent,
    );
  }
}
